/**
 * Alerts that reach people: a failed feed, an unreconciled month, a late month, a restatement and a scheduler fire
 * missed while none ran are each posted once (recorded in the metadata database) to the configured webhooks, in a
 * generic JSON, Slack or Teams body. Delivery runs in the background with bounded retries, so it never holds back or
 * fails a run, and carries only tcbill's outcome data, never a secret or a signed URL.
 */
package io.tcbill.alert;
