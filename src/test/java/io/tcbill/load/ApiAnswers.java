package io.tcbill.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds a JSON feed's raw NDJSON file for tests: one API answer per line, as the archiver keeps them. */
final class ApiAnswers {

    private final List<String> lines = new ArrayList<>();

    /** One answer; {@code request} and {@code response} are JSON object texts (the response is the API's Response). */
    ApiAnswers answer(String action, long customerUin, String request, String response) {
        lines.add("{\"action\":\"" + action + "\",\"customer_uin\":" + customerUin + ",\"request\":" + request
                + ",\"response\":" + response + "}");
        return this;
    }

    ApiAnswers summaries(long customerUin, String regionItems, String productItems, String payModeItems) {
        String request = "{\"BillMonth\":\"2024-05\",\"CustomerUin\":" + customerUin + "}";
        return answer("DescribeBillSummaryByRegion", customerUin, request, overview(regionItems))
                .answer("DescribeBillSummaryByProduct", customerUin, request, overview(productItems))
                .answer("DescribeBillSummaryByPayMode", customerUin, request, overview(payModeItems));
    }

    static String item(String key, String value, String name, String original, String voucher, String total) {
        return "{\"" + key + "Id\":\"" + value + "\",\"" + key + "Name\":\"" + name + "\",\"OriginalCost\":\"" + original
                + "\",\"VoucherPayAmount\":\"" + voucher + "\",\"TotalCost\":\"" + total + "\"}";
    }

    static String product(String code, String name, String original, String voucher, String total) {
        return "{\"BusinessCode\":\"" + code + "\",\"BusinessCodeName\":\"" + name + "\",\"OriginalCost\":\"" + original
                + "\",\"VoucherPayAmount\":\"" + voucher + "\",\"TotalCost\":\"" + total + "\"}";
    }

    static String payMode(String mode, String name, String original, String voucher, String total, String... actions) {
        return "{\"PayMode\":\"" + mode + "\",\"PayModeName\":\"" + name + "\",\"OriginalCost\":\"" + original
                + "\",\"Detail\":[" + String.join(",", actions) + "],\"VoucherPayAmount\":\"" + voucher
                + "\",\"TotalCost\":\"" + total + "\"}";
    }

    static String action(String type, String name, String original, String voucher, String total) {
        return "{\"ActionType\":\"" + type + "\",\"ActionTypeName\":\"" + name + "\",\"OriginalCost\":\"" + original
                + "\",\"VoucherPayAmount\":\"" + voucher + "\",\"TotalCost\":\"" + total + "\"}";
    }

    private static String overview(String items) {
        return "{\"SummaryOverview\":[" + items + "],\"RequestId\":\"6b3f0a8e-1c2d-4e5f-8a9b-0c1d2e3f4a5b\"}";
    }

    Path write(Path file) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
