package io.tcbill.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Rows of the L3 bill files (bill details, 8 decimals; L2 rows are made from them). Every row keeps the
 * documented arithmetic: after-discount = original × discount rate, before-tax = that − voucher, tax = before-tax ×
 * tax rate (rounded to 8 decimals), total = before-tax + tax. About one row in twenty is a refund.
 */
final class ChargeRowGenerator extends CsvRowGenerator {

    /** A product as the files name it, with the business code the summary actions group it by. */
    record Product(String code, String name, String chineseName, String subproduct, String componentType,
                   String component, String usageUnit, String instanceType) {
    }

    /** A region as the files name it, with the region id the summary actions report. */
    record Region(String id, String name, String zone) {
    }

    static final List<Product> PRODUCTS = List.of(
            new Product("p_cvm", "Cloud Virtual Machine", "云服务器", "CVM Standard S5", "Compute", "CPU", "Core", "S5.MEDIUM4"),
            new Product("p_cos", "Cloud Object Storage", "对象存储", "COS Standard Storage", "Storage", "Storage capacity", "GB", "STANDARD"),
            new Product("p_cdb", "TencentDB for MySQL", "云数据库 MySQL", "MySQL Dual-node", "Compute", "Memory", "GB", "MYSQL.HA"),
            new Product("p_clb", "Cloud Load Balancer", "负载均衡", "CLB Standard", "Network", "LCU", "LCU", "CLB.STANDARD"),
            new Product("p_cdn", "Content Delivery Network", "内容分发网络", "CDN Traffic", "Traffic", "Downstream traffic", "GB", "CDN"));
    static final List<Region> REGIONS = List.of(new Region("ap-singapore", "Singapore", "Singapore Zone 3"),
            new Region("ap-hongkong", "Hong Kong, China", "Hong Kong Zone 2"),
            new Region("eu-frankfurt", "Frankfurt", "Frankfurt Zone 1"),
            new Region("na-siliconvalley", "Silicon Valley", "Silicon Valley Zone 2"));
    private static final Map<String, Product> PRODUCT_BY_NAME = PRODUCTS.stream()
            .flatMap(p -> Stream.of(Map.entry(p.name(), p), Map.entry(p.chineseName(), p)))
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    private static final Map<String, Region> REGION_BY_NAME = REGIONS.stream()
            .collect(Collectors.toUnmodifiableMap(Region::name, r -> r));
    private static final List<String> PROJECTS = List.of("Default Project", "默认项目", "analytics", "web-shop");
    private static final List<String> DISCOUNTS = List.of("1", "0.9", "0.85", "0.7");
    private static final List<String> TAX_RATES = List.of("0", "0.09");
    private static final List<String> INSTANCE_NAMES = List.of("api-server", "batch-worker", "测试服务器", "data-lake");

    private final long ownerUin;
    /** L3 amounts have 8 decimals; L2 rows ({@link InstanceRowGenerator}) round their sums to 2. */
    private static final int SCALE = 8;
    private final Long resellerUin;

    /** @param resellerUin the reseller managing the owner (a customer's file), null for the caller's own bill */
    ChargeRowGenerator(SplittableRandom random, YearMonth month, long ownerUin, Long resellerUin) {
        super(random, month);
        this.ownerUin = ownerUin;
        this.resellerUin = resellerUin;
    }

    /** The product a file's {@code ProductName} (English or Chinese) names. */
    static Product productNamed(String name) {
        Product product = PRODUCT_BY_NAME.get(name);
        if (product == null) {
            throw new IllegalStateException("no business code for product '" + name + "'");
        }
        return product;
    }

    /** The region a file's {@code Region} names. */
    static Region regionNamed(String name) {
        Region region = REGION_BY_NAME.get(name);
        if (region == null) {
            throw new IllegalStateException("no region id for region '" + name + "'");
        }
        return region;
    }

    @Override
    void fill(FileMapping.Row row, long index) {
        Product product = pick(PRODUCTS);
        Region region = pick(REGIONS);
        boolean refund = chance(0.05);
        boolean monthly = refund || chance(0.3);
        long hours = monthly ? month.lengthOfMonth() * 24L : random.nextLong(1, 25);
        LocalDateTime start = monthly ? month.atDay(1).atStartOfDay() : timeInMonth().withMinute(0).withSecond(0);

        BigDecimal listPrice = amount(3, 8);
        BigDecimal usage = amount(64, 4);
        BigDecimal original = listPrice.multiply(usage).multiply(BigDecimal.valueOf(hours)).setScale(SCALE, RoundingMode.HALF_UP);
        if (refund) {
            original = original.negate();
        }
        BigDecimal discount = new BigDecimal(pick(DISCOUNTS));
        BigDecimal afterDiscount = original.multiply(discount).setScale(SCALE, RoundingMode.HALF_UP);
        BigDecimal voucher = !refund && chance(0.15)
                ? afterDiscount.divide(BigDecimal.valueOf(2), SCALE, RoundingMode.DOWN) : BigDecimal.ZERO.setScale(SCALE);
        BigDecimal beforeTax = afterDiscount.subtract(voucher);
        BigDecimal taxRate = new BigDecimal(pick(TAX_RATES));
        BigDecimal tax = beforeTax.multiply(taxRate).setScale(SCALE, RoundingMode.HALF_UP);
        BigDecimal total = beforeTax.add(tax);
        String configuration = chance(0.5) ? "2 cores, 4 GB memory" : "standard";

        row.put("payer_account_id", ownerUin).put("owner_account_id", ownerUin).put("operator_account_id", ownerUin)
                .put("customer_name", customerName(ownerUin))
                .put("product_name", chance(0.15) ? product.chineseName() : product.name())
                .put("subproduct_name", product.subproduct())
                .put("billing_mode", monthly ? "Monthly Subscription" : "Pay-as-you-go")
                .put("project_name", pick(PROJECTS))
                .put("region", region.name()).put("availability_zone", region.zone())
                .put("instance_id", "ins-" + Long.toString(Seeds.mix(ownerUin, random.nextInt(400)) & 0xFFFFFFFFFFL, 36))
                .put("instance_name", chance(0.04) ? AWKWARD_NAME : pick(INSTANCE_NAMES))
                .put("instance_type", product.instanceType())
                .put("transaction_type", refund ? "Refund" : monthly ? pick(List.of("Purchase", "Renewal")) : "Hourly settlement")
                .put("transaction_id", transactionId(ownerUin, index))
                .put("transaction_time", TIMESTAMP.format(timeInMonth()))
                .put("usage_start_time", TIMESTAMP.format(start))
                .put("usage_end_time", TIMESTAMP.format(usageEnd(start, hours)))
                .put("configuration_description", configuration)
                .put("component_configuration", configuration)
                .put("component_type", product.componentType()).put("component_name", product.component())
                .put("component_list_price", money(listPrice, 8))
                .put("component_contracted_price", money(listPrice.multiply(discount), 8))
                .put("component_price_unit", "USD/" + product.usageUnit() + "/hour")
                .put("component_usage", usage.toPlainString()).put("component_usage_unit", product.usageUnit())
                .put("usage_duration", hours).put("duration_unit", "Hour")
                .put("reserved_instances", "No")
                .put("original_cost", original.toPlainString())
                .put("original_cost_after_coupon", original.toPlainString())
                .put("discount_rate", discount.toPlainString())
                .put("currency", CURRENCY)
                .put("total_amount_after_discount", afterDiscount.toPlainString())
                .put("voucher_deduction", voucher.toPlainString())
                .put("amount_before_tax", beforeTax.toPlainString())
                .put("tax_rate", taxRate.toPlainString())
                .put("tax_amount", tax.toPlainString())
                .put("total_cost", total.toPlainString())
                .put("billable_month", month.toString());
        putUpgradeColumns(row, region, monthly, discount, index);
        SimulatedTags.fill(row, ownerUin, row.get("instance_id"));
    }

    /**
     * The columns the bill upgrade of November 2024 added (and the 2022 layout's Additional Attribute), derived from
     * the row's other values without drawing from the random stream, so every layout has the same rows.
     */
    private void putUpgradeColumns(FileMapping.Row row, Region region, boolean monthly, BigDecimal discount, long index) {
        row.put("reseller_account_id", resellerUin == null ? "" : resellerUin)
                .put("order_id", monthly ? "ord-" + transactionId(ownerUin, index) : "")
                .put("region_code", region.id())
                .put("availability_zone_code", region.id() + "-" + region.zone().substring(region.zone().length() - 1))
                .put("discount_object", discount.signum() != 0 && discount.compareTo(BigDecimal.ONE) != 0 ? "User discount" : "")
                .put("discount_type", discount.compareTo(BigDecimal.ONE) != 0 ? "Discount" : "")
                .put("discount_content", discount.compareTo(BigDecimal.ONE) != 0 ? discount.toPlainString() : "")
                .put("sp_deduction", BigDecimal.ZERO.setScale(SCALE).toPlainString())
                .put("sp_deduction_rate", "0")
                .put("additional_attribute", "-");
    }
}
