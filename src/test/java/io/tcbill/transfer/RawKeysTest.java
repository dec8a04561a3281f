package io.tcbill.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.time.YearMonth;

import org.junit.jupiter.api.Test;

class RawKeysTest {

    @Test
    void keyNamesFeedMonthCustomerAndPullTime() {
        RawTarget target = new RawTarget("l3", YearMonth.of(2024, 5), 800001608331L);
        assertThat(RawKeys.key(target, Instant.parse("2024-06-05T01:02:03.004Z"), "L3.csv"))
                .isEqualTo("raw/l3/bill_month=2024-05/customer_uin=800001608331/20240605T010203004Z-L3.csv");
    }

    @Test
    void ownBillIsSelf() {
        assertThat(RawKeys.prefix(new RawTarget("commission", YearMonth.of(2023, 12), null)))
                .isEqualTo("raw/commission/bill_month=2023-12/customer_uin=self/");
    }

    @Test
    void fileNameIsTheDecodedSanitisedLastSegment() {
        assertThat(name("https://b.cos.ap-singapore.myqcloud.com/L2-bill_by_Instance-800000425835-202412-xx-test.csv?q=1"))
                .isEqualTo("L2-bill_by_Instance-800000425835-202412-xx-test.csv");
        assertThat(name("https://b.myqcloud.com/%2Fmnt/bill/en/L2-All%20Customers+Bills.zip"))
                .isEqualTo("L2-All_Customers_Bills.zip");
        assertThat(name("https://b.myqcloud.com/x/%E8%B4%A6%E5%8D%95-1.csv")).isEqualTo("__-1.csv");
        assertThat(name("https://b.myqcloud.com/x/..%2F..%2Fetc")).isEqualTo(".._.._etc");
    }

    @Test
    void fileNameFallsBackToTheFeed() {
        assertThat(name("https://xxxx.cos.ap-singapore.myqcloud.com")).isEqualTo("l3.csv");
        assertThat(name("https://xxxx.cos.ap-singapore.myqcloud.com/?sign=1")).isEqualTo("l3.csv");
        assertThat(name("https://xxxx.myqcloud.com/a/..")).isEqualTo("l3.csv");
    }

    private static String name(String link) {
        return RawKeys.fileName(URI.create(link), "l3");
    }
}
