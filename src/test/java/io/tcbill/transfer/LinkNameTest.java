package io.tcbill.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.YearMonth;
import org.junit.jupiter.api.Test;

class LinkNameTest {

    private static final YearMonth DECEMBER = YearMonth.of(2024, 12);
    private static final RawTarget CUSTOMER = new RawTarget("l3", DECEMBER, 800001608331L);
    private static final RawTarget PACK_OR_OWN = new RawTarget("l2", YearMonth.of(2024, 11), null);
    private static final String HOST = "partner-bill-1.cos.ap-singapore.myqcloud.com";

    @Test
    void theCustomersOwnFileOfTheMonthPasses() {
        assertThatCode(() -> LinkName.check("L3-bill_details-800001608331-202412-xxx-test.csv", CUSTOMER, HOST))
                .doesNotThrowAnyException();
        assertThatCode(() -> LinkName.check("L2-bill_by_Instance-800001608331-202412-1a2b3c.csv",
                new RawTarget("l2", DECEMBER, 800001608331L), HOST)).doesNotThrowAnyException();
    }

    @Test
    void aPackNamingTheResellersOwnUinPassesForAWholeMonth() {
        assertThatCode(() -> LinkName.check("L2-bill_by_Instance-800000950266-AllCustomersBills-202411-xxx-test.zip",
                PACK_OR_OWN, HOST)).doesNotThrowAnyException();
        assertThatCode(() -> LinkName.check("L3-bill_details-800000950266-AllResellersBills-202411-xxxx-test.zip",
                PACK_OR_OWN, HOST)).doesNotThrowAnyException();
    }

    @Test
    void namesInNoKnownShapePassUnchecked() {
        assertThatCode(() -> LinkName.check("CommissionDetail-202412-ab.csv", CUSTOMER, HOST)).doesNotThrowAnyException();
        assertThatCode(() -> LinkName.check("L3-bill_details.csv", CUSTOMER, HOST)).doesNotThrowAnyException();
        assertThatCode(() -> LinkName.check("l3.csv", CUSTOMER, HOST)).doesNotThrowAnyException();
    }

    @Test
    void aLinkToAnotherCustomersFileIsRefusedNamingBothCustomers() {
        assertThatThrownBy(() -> LinkName.check("L3-bill_details-800000425835-202412-xxx.csv", CUSTOMER, HOST))
                .isInstanceOfSatisfying(TransferException.class, e -> assertThat(e.isTransient()).isFalse())
                .hasMessageContaining("l3 2024-12 customer 800001608331")
                .hasMessageContaining("customer 800000425835")
                .hasMessageContaining(HOST);
    }

    @Test
    void aLinkToAnotherMonthIsRefusedNamingBothMonths() {
        assertThatThrownBy(() -> LinkName.check("L3-bill_details-800001608331-202411-xxx.csv", CUSTOMER, HOST))
                .isInstanceOf(TransferException.class)
                .hasMessageContaining("l3 2024-12 customer 800001608331")
                .hasMessageContaining("2024-11");
        assertThatThrownBy(() -> LinkName.check("L2-bill_by_Instance-800000950266-AllCustomersBills-202410-x.zip",
                PACK_OR_OWN, HOST))
                .isInstanceOf(TransferException.class)
                .hasMessageContaining("l2 2024-11 self")
                .hasMessageContaining("2024-10");
    }

    @Test
    void aPackServedForOneCustomerIsRefused() {
        assertThatThrownBy(() -> LinkName.check("L3-bill_details-800000950266-AllResellersBills-202412-x.zip", CUSTOMER, HOST))
                .isInstanceOf(TransferException.class)
                .hasMessageContaining("customer 800001608331")
                .hasMessageContaining("pack of all customers (reseller 800000950266)");
    }
}
