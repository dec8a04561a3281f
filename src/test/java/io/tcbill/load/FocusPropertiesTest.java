package io.tcbill.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The FOCUS perspective settings and how they are written into the view files. */
class FocusPropertiesTest {

    @Test
    void theCustomerPerspectiveNeedsTheResellersName() {
        assertThatThrownBy(() -> new FocusProperties("customer", " ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tcbill.focus.invoice-issuer-name");
        assertThatThrownBy(() -> new FocusProperties("reseller", "X")).hasMessageContaining("payable or customer");
        assertThat(new FocusProperties(null, null).perspective()).isEqualTo("payable");
    }

    @Test
    void settingsBecomeQuotedLiteralsAndAnUnknownOneFails() {
        var settings = new FocusProperties("Customer", "O'Brien Cloud").viewSettings();
        String sql = "SELECT '{{tcbill.focus.perspective}}' AS p, '{{tcbill.focus.invoice-issuer-name}}' AS n";

        assertThat(DerivedView.withSettings("v.sql", sql, settings)).isEqualTo("SELECT 'customer' AS p, 'O''Brien Cloud' AS n");
        assertThatThrownBy(() -> DerivedView.withSettings("v.sql", "SELECT '{{tcbill.focus.typo}}'", settings))
                .hasMessageContaining("schema/views/v.sql uses the unknown setting tcbill.focus.typo");
    }

    @Test
    void everyViewReadsWithTheDefaults() {
        assertThat(DerivedView.readAll()).extracting(DerivedView::name).startsWith("bill_changes", "canonical_product", "canonical_region").contains("focus_1_3");
        assertThat(DerivedView.readAll()).allSatisfy(view -> assertThat(view.sql()).doesNotContain("{{"));
    }
}
