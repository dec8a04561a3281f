package io.tcbill.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every product name the simulator writes, English and Chinese, is in the canonical product list under its code. */
class SimulatorProductsListedTest {

    @Test
    void everySimulatedProductNameIsListedUnderItsBusinessCode() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("schema/products.csv"), StandardCharsets.UTF_8);
        for (ChargeRowGenerator.Product product : ChargeRowGenerator.PRODUCTS) {
            for (String name : List.of(product.name(), product.chineseName())) {
                assertThat(lines).as(name).anyMatch(l -> l.startsWith(product.code() + "," + product.name() + ",")
                        && l.endsWith("," + name));
            }
        }
    }
}
