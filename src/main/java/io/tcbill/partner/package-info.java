/**
 * The Tencent Cloud International Partner API client: TC3-HMAC-SHA256 signing for service {@code intlpartnersmgt}
 * whatever the endpoint, typed requests and responses, per-action rate limits and retries of transient errors, and
 * the customer listings of a reseller or distributor ({@link io.tcbill.partner.CustomerTypesProperties}), and
 * the JSON feeds ({@link io.tcbill.partner.JsonFeeds}: bill summaries, voucher usage) kept as verbatim answers.
 * Errors surface as {@link io.tcbill.partner.PartnerApiException}, classified transient or terminal where thrown.
 */
package io.tcbill.partner;
