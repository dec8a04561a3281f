package io.tcbill.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds real-shaped bill CSVs for tests: any header order, BOM, CRLF, RFC 4180 quoting. */
final class BillCsv {

    static final List<String> L3_HEADERS = List.of("Payer Account ID", "Customer Name", "Owner Account ID",
            "Operator Account ID", "ProductName", "BillingMode", "ProjectName", "Region", "Availability Zone", "InstanceID",
            "InstanceName", "SubproductName", "TransactionType", "TransactionID", "TransactionTime", "Usage Start Time",
            "Usage End Time", "ComponentType", "ComponentName", "Component List Price", "Component Contracted Price",
            "Component Price Measurement Unit", "Component Usage", "Component Usage Unit", "Usage Duration",
            "Duration Unit", "Reserved Instances", "OriginalCost", "OriginalCost (After Coupon)", "DiscountRate", "Currency",
            "Total Amount After Discount (Excluding Tax)", "Voucher Deduction", "Amount Before Tax", "TaxRate",
            "TaxAmount", "Total Cost (Including Tax)", "Billable Month");

    private final List<String> headers;
    private final List<String> lines = new ArrayList<>();
    private boolean bom;
    private String newline = "\n";
    private String payer = "100000001";

    private BillCsv(List<String> headers) {
        this.headers = headers;
    }

    static BillCsv l3() {
        return new BillCsv(L3_HEADERS);
    }

    static BillCsv withHeaders(List<String> headers) {
        return new BillCsv(headers);
    }

    BillCsv bom() {
        bom = true;
        return this;
    }

    /** The Payer Account ID of the rows that do not set one: a customer's file holds that customer's rows. */
    BillCsv payer(long uin) {
        payer = Long.toString(uin);
        return this;
    }

    BillCsv crlf() {
        newline = "\r\n";
        return this;
    }

    /** A typical L3 row; {@code overrides} maps header to value (absent headers of this file are ignored). */
    BillCsv row(String transactionId, String totalCost, Map<String, String> overrides) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("Payer Account ID", payer);
        values.put("Customer Name", "Acme Pte. Ltd.");
        values.put("Owner Account ID", "200000001");
        values.put("Operator Account ID", "200000001");
        values.put("ProductName", "Cloud Virtual Machine");
        values.put("BillingMode", "Pay-as-you-go");
        values.put("Region", "ap-singapore");
        values.put("InstanceID", "ins-" + transactionId);
        values.put("TransactionType", "Consumption");
        values.put("TransactionID", transactionId);
        values.put("TransactionTime", "2024-05-03 10:00:00");
        values.put("Usage Start Time", "2024-05-03 09:00:00");
        values.put("Usage End Time", "2024-05-03 10:00:00");
        values.put("Component Usage", "1.5");
        values.put("OriginalCost", totalCost);
        values.put("DiscountRate", "1");
        values.put("Currency", "USD");
        values.put("Total Cost (Including Tax)", totalCost);
        values.put("Billable Month", "2024-05");
        values.putAll(overrides);
        List<String> row = new ArrayList<>();
        for (String header : headers) {
            row.add(values.getOrDefault(header, ""));
        }
        return raw(String.join(",", row.stream().map(BillCsv::quote).toList()));
    }

    BillCsv row(String transactionId, String totalCost) {
        return row(transactionId, totalCost, Map.of());
    }

    /** A line written as is (for malformed rows). */
    BillCsv raw(String line) {
        lines.add(line);
        return this;
    }

    /** The file's text: BOM, header and lines, each ending in the newline. */
    String text() {
        StringBuilder text = new StringBuilder(bom ? "\uFEFF" : "");
        text.append(String.join(",", headers.stream().map(BillCsv::quote).toList())).append(newline);
        lines.forEach(line -> text.append(line).append(newline));
        return text.toString();
    }

    Path write(Path file) {
        String text = text();
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    static String quote(String value) {
        return value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")
                ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
