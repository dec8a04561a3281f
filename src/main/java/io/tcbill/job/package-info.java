/**
 * Spring Batch wiring only: the monthly bills job (archive every file of a month and feed, then load and publish it)
 * and the runner that starts, restarts or recovers it for a month and feed, one process at a time, stopping cleanly on
 * SIGTERM. The work itself lives in the stage packages.
 */
package io.tcbill.job;
