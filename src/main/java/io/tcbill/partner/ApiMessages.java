package io.tcbill.partner;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** Typed request and response bodies of the actions the pipeline calls (partner-api.md §1.1), in the API's spelling. */
final class ApiMessages {

    private ApiMessages() {
    }

    /** {@code DescribeBillDownloadUrl}: own bill, {@code FileType} L2 or L3. */
    @JsonPropertyOrder({"Month", "FileType"})
    record BillDownloadUrlRequest(@JsonProperty("Month") String month, @JsonProperty("FileType") String fileType) {
    }

    /** {@code DescribeCustomerBillDownloadUrl}: a customer's bill, or a pack of all customers (no CustomerUin). */
    @JsonPropertyOrder({"Month", "FileType", "CustomerUinType", "FileLanguage", "CustomerUin"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CustomerBillDownloadUrlRequest(@JsonProperty("Month") String month,
                                          @JsonProperty("FileType") String fileType,
                                          @JsonProperty("CustomerUinType") String customerUinType,
                                          @JsonProperty("FileLanguage") String fileLanguage,
                                          @JsonProperty("CustomerUin") Long customerUin) {
    }

    /** {@code DescribeRebateDownloadUrl}: the commission file, {@code FileType} CommissionDetail. */
    @JsonPropertyOrder({"Month", "FileType"})
    record RebateDownloadUrlRequest(@JsonProperty("Month") String month, @JsonProperty("FileType") String fileType) {
    }

    /** Response of the three download-URL actions; {@code Ready} is missing in old API versions. */
    record DownloadUrlResponse(@JsonProperty("DownloadUrl") String downloadUrl, @JsonProperty("Ready") Long ready) {

        DownloadLink toLink() {
            String url = downloadUrl == null ? "" : downloadUrl;
            boolean generated = ready == null ? !url.isBlank() : ready == 1L;
            return new DownloadLink(generated, url);
        }
    }

    /** {@code DescribeCustomerUin}, pages start at 1. */
    @JsonPropertyOrder({"Page", "PageSize"})
    record CustomerUinRequest(@JsonProperty("Page") long page, @JsonProperty("PageSize") long pageSize) {
    }

    /** {@code Total} and each {@code CustomerUin} are JSON strings; {@code Data} may be null (checked in {@link CustomerListing}). */
    record CustomerUinResponse(@JsonProperty("Total") String total, @JsonProperty("Data") List<CustomerUinData> data) {
    }

    record CustomerUinData(@JsonProperty("CustomerUin") String customerUin) {
    }

    /** {@code QuerySubAgentsDetailV2} (a distributor's second-level resellers), pages start at 1, PageSize up to 100. */
    @JsonPropertyOrder({"Page", "PageSize"})
    record SubAgentsRequest(@JsonProperty("Page") long page, @JsonProperty("PageSize") long pageSize) {
    }

    /** {@code Total} and each {@code SubAgentUin} are JSON integers. */
    record SubAgentsResponse(@JsonProperty("Total") Long total, @JsonProperty("Data") List<SubAgentData> data) {
    }

    record SubAgentData(@JsonProperty("SubAgentUin") Long subAgentUin) {
    }

    /** {@code QueryT1IndirectCustomersDetail}: the customers of one second-level reseller. */
    @JsonPropertyOrder({"SubAgentUin", "Page", "PageSize"})
    record IndirectCustomersRequest(@JsonProperty("SubAgentUin") long subAgentUin, @JsonProperty("Page") long page,
                                    @JsonProperty("PageSize") long pageSize) {
    }

    /** {@code Total} and each {@code ClientUin} are JSON integers. */
    record IndirectCustomersResponse(@JsonProperty("Total") Long total,
                                     @JsonProperty("Data") List<IndirectCustomerData> data) {
    }

    record IndirectCustomerData(@JsonProperty("ClientUin") Long clientUin) {
    }
}
