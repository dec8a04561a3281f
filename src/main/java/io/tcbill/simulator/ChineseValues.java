package io.tcbill.simulator;

import java.util.Map;

/**
 * The values a bill in Chinese ({@code FileLanguage=zh_cn}) writes in Chinese: product, billing mode, transaction type,
 * region, zone and a few units. The translations follow the Chinese names of Tencent's documents where they give one
 * (product names, ActionType names); the rest are the simulator's own (docs/table-contract.md lists which).
 */
final class ChineseValues {

    private static final Map<String, Map<String, String>> BY_COLUMN = Map.of(
            "billing_mode", Map.of("Monthly Subscription", "包年包月", "Pay-as-you-go", "按量计费"),
            "transaction_type", Map.of("Purchase", "新购", "Renewal", "续费", "Refund", "退款",
                    "Hourly settlement", "按量计费小时结"),
            "region", Map.of("Singapore", "新加坡", "Hong Kong, China", "中国香港", "Frankfurt", "法兰克福",
                    "Silicon Valley", "硅谷"),
            "availability_zone", Map.of("Singapore Zone 3", "新加坡三区", "Hong Kong Zone 2", "香港二区",
                    "Frankfurt Zone 1", "法兰克福一区", "Silicon Valley Zone 2", "硅谷二区"),
            "project_name", Map.of("Default Project", "默认项目"),
            "duration_unit", Map.of("Hour", "小时"),
            "reserved_instances", Map.of("No", "否"),
            "discount_object", Map.of("User discount", "用户折扣"),
            "discount_type", Map.of("Discount", "折扣"));

    private ChineseValues() {
    }

    /** Rewrites the row's localised values in Chinese; amounts, ids and times stay as they are. */
    static void translate(FileMapping.Row row) {
        String product = row.find("product_name");
        if (product != null && !product.isEmpty()) {
            row.put("product_name", ChargeRowGenerator.productNamed(product).chineseName());
        }
        BY_COLUMN.forEach((column, names) -> {
            String value = row.find(column);
            if (value != null) {
                row.put(column, names.getOrDefault(value, value));
            }
        });
    }
}
