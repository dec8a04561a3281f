package io.tcbill.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** schema/products.csv, the canonical product list, and the canonical_product view generated from it. */
class ProductListTest {

    static final Path CSV = Path.of("schema/products.csv");
    static final Path VIEW = Path.of("schema/views/canonical_product.sql");
    static final List<String> COLUMNS =
            List.of("product_code", "product_name", "focus_service_category", "focus_service_subcategory", "bill_name");
    /** FOCUS ServiceCategory allowed values (unchanged from 1.2 to 1.3). */
    static final List<String> CATEGORIES = List.of("AI and Machine Learning", "Analytics", "Business Applications", "Compute",
            "Databases", "Developer Tools", "Multicloud", "Identity", "Integration", "Internet of Things",
            "Management and Governance", "Media", "Migration", "Mobile", "Networking", "Security", "Storage", "Web", "Other");
    /** FOCUS ServiceSubcategory allowed values of the categories the list uses, each with its one parent category. */
    static final Map<String, String> SUBCATEGORIES = Map.ofEntries(
            Map.entry("AI Platforms", "AI and Machine Learning"), Map.entry("Generative AI", "AI and Machine Learning"),
            Map.entry("Machine Learning", "AI and Machine Learning"),
            Map.entry("Natural Language Processing", "AI and Machine Learning"),
            Map.entry("Data Processing", "Analytics"), Map.entry("Search", "Analytics"),
            Map.entry("Streaming Analytics", "Analytics"),
            Map.entry("Productivity and Collaboration", "Business Applications"),
            Map.entry("Containers", "Compute"), Map.entry("Serverless Compute", "Compute"),
            Map.entry("Virtual Machines", "Compute"),
            Map.entry("Caching", "Databases"), Map.entry("Data Warehouses", "Databases"),
            Map.entry("NoSQL Databases", "Databases"), Map.entry("Relational Databases", "Databases"),
            Map.entry("Time Series Databases", "Databases"),
            Map.entry("Continuous Integration and Deployment", "Developer Tools"),
            Map.entry("Identity and Access Management", "Identity"),
            Map.entry("API Management", "Integration"), Map.entry("Messaging", "Integration"),
            Map.entry("IoT Platforms", "Internet of Things"),
            Map.entry("Compliance", "Management and Governance"), Map.entry("Observability", "Management and Governance"),
            Map.entry("Support", "Management and Governance"),
            Map.entry("Content Creation", "Media"), Map.entry("Gaming", "Media"), Map.entry("Media Streaming", "Media"),
            Map.entry("Data Migration", "Migration"), Map.entry("Other (Mobile)", "Mobile"),
            Map.entry("Application Networking", "Networking"), Map.entry("Content Delivery", "Networking"),
            Map.entry("Network Connectivity", "Networking"), Map.entry("Network Infrastructure", "Networking"),
            Map.entry("Network Routing", "Networking"), Map.entry("Network Security", "Networking"),
            Map.entry("Secret Management", "Security"), Map.entry("Security Posture Management", "Security"),
            Map.entry("Threat Detection and Response", "Security"),
            Map.entry("Backup Storage", "Storage"), Map.entry("Block Storage", "Storage"),
            Map.entry("File Storage", "Storage"), Map.entry("Object Storage", "Storage"),
            Map.entry("Other (Other)", "Other"));

    static List<CSVRecord> products() throws IOException {
        try (Reader in = Files.newBufferedReader(CSV, StandardCharsets.UTF_8)) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
    }

    @Test
    void everyNameInBillsBelongsToOneProductAndEveryProductToOneCategory() throws IOException {
        List<CSVRecord> products = products();
        assertThat(products).hasSizeGreaterThan(100);
        Set<String> names = new HashSet<>();
        Map<String, String> productByCode = new HashMap<>();
        Map<String, String> codeByName = new HashMap<>();
        for (CSVRecord row : products) {
            assertThat(row.getParser().getHeaderNames()).isEqualTo(COLUMNS);
            for (String column : COLUMNS) {
                assertThat(row.get(column)).as("%s of line %d", column, row.getRecordNumber() + 1)
                        .isNotBlank().isEqualTo(row.get(column).strip());
            }
            assertThat(row.get("product_code")).matches("p_[a-z0-9_]+");
            assertThat(CATEGORIES).as("category of %s", row.get("product_code")).contains(row.get("focus_service_category"));
            assertThat(SUBCATEGORIES.get(row.get("focus_service_subcategory"))).as("parent of the subcategory of %s",
                    row.get("product_code")).isEqualTo(row.get("focus_service_category"));
            // a name twice (ignoring case, as the views match) would count its rows twice in every join
            assertThat(names.add(row.get("bill_name").toLowerCase(Locale.ROOT))).as("bill name %s listed once", row.get("bill_name"))
                    .isTrue();
            String product = row.get("product_name") + "|" + row.get("focus_service_category") + "|"
                    + row.get("focus_service_subcategory");
            assertThat(productByCode.putIfAbsent(row.get("product_code"), product)).as("one name and category per code")
                    .isIn(null, product);
            assertThat(codeByName.putIfAbsent(row.get("product_name"), row.get("product_code"))).as("one code per product name")
                    .isIn(null, row.get("product_code"));
        }
        // each product is also listed under its own canonical name
        assertThat(names).containsAll(productByCode.values().stream().map(p -> p.split("\\|")[0].toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet()));
    }

    @Test
    void theViewIsTheListAsSql() throws IOException {
        String expected = render(products());
        if (!expected.equals(Files.readString(VIEW, StandardCharsets.UTF_8))) {
            Path written = Path.of("target", VIEW.getFileName().toString());
            Files.createDirectories(written.getParent());
            Files.writeString(written, expected, StandardCharsets.UTF_8);
            assertThat(Files.readString(VIEW, StandardCharsets.UTF_8))
                    .as("%s is not %s rendered: copy %s over it", VIEW, CSV, written).isEqualTo(expected);
        }
    }

    /** The canonical_product view of the list: a VALUES list in the portable SQL subset. */
    static String render(List<CSVRecord> products) throws IOException {
        String header = Files.readString(VIEW, StandardCharsets.UTF_8).lines().takeWhile(l -> l.startsWith("--"))
                .collect(Collectors.joining("\n", "", "\n"));
        String rows = products.stream().map(row -> COLUMNS.stream().map(c -> Sql.literal(row.get(c)))
                .collect(Collectors.joining(", ", "    (", ")"))).collect(Collectors.joining(",\n"));
        return header + "CREATE OR REPLACE VIEW canonical_product AS\n"
                + "SELECT " + String.join(", ", COLUMNS) + "\n"
                + "FROM (VALUES\n" + rows + "\n) AS t(" + String.join(", ", COLUMNS) + ");\n";
    }
}
