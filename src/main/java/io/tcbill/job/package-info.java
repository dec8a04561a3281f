/**
 * Spring Batch wiring only: the monthly bills job (archive every file of a month and feed, then load and publish it)
 * and the runner that starts or restarts it for a month and feed. The work itself lives in the stage packages.
 */
package io.tcbill.job;
