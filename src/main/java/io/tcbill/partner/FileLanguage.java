package io.tcbill.partner;

import java.util.Locale;

/**
 * The language of customer bill files ({@code tcbill.api.file-language}), sent as {@code FileLanguage} of
 * {@code DescribeCustomerBillDownloadUrl}: headers and localised values (transaction type, billing mode, region,
 * product) are English or Chinese; the mappings in {@code schema/mappings/} read both.
 */
public enum FileLanguage {

    /** English, the API's default. */
    EN,
    /** Simplified Chinese. */
    ZH_CN;

    /** The value the API takes and configuration spells: {@code en} or {@code zh_cn}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return code();
    }
}
