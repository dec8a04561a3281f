package io.tcbill.partner;

import io.tcbill.feed.Role;
import static io.tcbill.partner.FakePartnerServer.SECRET_ID;
import static io.tcbill.partner.FakePartnerServer.SECRET_KEY;
import static io.tcbill.partner.FakePartnerServer.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tcbill.IntegrationTest;
import io.tcbill.partner.FakePartnerServer.Received;
import java.time.Duration;
import java.util.List;
import java.util.StringJoiner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code DescribeCustomerUin} against a real HTTP server: a customer list that contradicts itself fails, terminal,
 * naming the numbers, instead of a WARN and a month that silently loses customers.
 */
@IntegrationTest
class CustomerListingIntegrationTest {

    private FakePartnerServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = new FakePartnerServer();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private PartnerClient client() {
        return new PartnerClient(new ApiProperties(server.endpoint(), Role.RESELLER, SECRET_ID, SECRET_KEY, null, null,
                null, Duration.ofSeconds(2), Duration.ofSeconds(5), 1, Duration.ofMillis(1), Duration.ofMillis(5),
                false, null));
    }

    @Test
    void aTotalOfThreeWithPagesListingOneUinFailsNamingTotalTheUinsAndThePages() {
        // given Total "3" but the pages list one UIN (the case that deleted a customer's month)
        server.script("DescribeCustomerUin", page("3", 800000000001L), page("3"));

        // when
        PartnerApiException e = catchThrowableOfType(PartnerApiException.class, () -> client().allCustomerUins(2));

        // then
        assertThat(e).isNotNull();
        assertThat(e.isTransient()).isFalse();
        assertThat(e.code()).isEqualTo("InconsistentAnswer");
        assertThat(e.getMessage()).startsWith("DescribeCustomerUin failed with InconsistentAnswer: Total is 3 but 2 page(s)"
                + " of PageSize 2 listed 1 distinct UIN(s) (800000000001)").doesNotContain("\n");
    }

    @Test
    void aServerAnsweringTheSamePageForeverFailsAtTheFirstRepeat() {
        // given a server that ignores Page (it was called 2,600 times in two minutes)
        for (int i = 0; i < 50; i++) {
            server.script("DescribeCustomerUin", page("5", 100001L, 100002L));
        }

        // when
        PartnerApiException e = catchThrowableOfType(PartnerApiException.class, () -> client().allCustomerUins(2));

        // then
        assertThat(e.getMessage()).contains("page 2 repeats page 1 (the same 2 UINs); Total is 5, 2 distinct UINs");
        assertThat(server.received()).hasSize(2);
    }

    @Test
    void noPageIsAskedForPastCeilOfTotalOverPageSize() {
        // given Total 4 in pages of 2, the pages repeating UINs so fewer than 4 are listed after 2 pages
        server.script("DescribeCustomerUin", page("4", 1L, 2L), page("4", 2L, 3L), page("4", 4L, 5L));

        // when
        PartnerApiException e = catchThrowableOfType(PartnerApiException.class, () -> client().allCustomerUins(2));

        // then
        assertThat(e.getMessage()).contains("Total is 4 but 2 page(s) of PageSize 2 listed 3 distinct UIN(s) (1, 2, 3)");
        assertThat(server.received()).extracting(Received::body)
                .containsExactly("{\"Page\":1,\"PageSize\":2}", "{\"Page\":2,\"PageSize\":2}");
    }

    @Test
    void aTotalThatChangesBetweenPagesFails() {
        server.script("DescribeCustomerUin", page("4", 1L, 2L), page("3", 3L));

        PartnerApiException e = catchThrowableOfType(PartnerApiException.class, () -> client().allCustomerUins(2));

        assertThat(e.getMessage()).contains("Total was 4 on page 1 but 3 on page 2");
    }

    @Test
    void aUinThatIsNotAPositiveIntegerFailsNamingItAndThePage() {
        for (String uin : List.of("7.00108E+11", "-5", "0x10", "", " 12")) {
            server.script("DescribeCustomerUin", ok("\"Total\":\"1\",\"Data\":[{\"CustomerUin\":\"" + uin + "\"}]"));

            PartnerApiException e = catchThrowableOfType(PartnerApiException.class, () -> client().allCustomerUins(100));

            assertThat(e).as(uin).isNotNull();
            assertThat(e.getMessage()).as(uin).contains("page 1 (PageSize 100): Data[0].CustomerUin is '" + uin
                    + "', not a positive integer UIN");
        }
        server.script("DescribeCustomerUin", ok("\"Total\":\"1\",\"Data\":[{\"Uin\":\"800000000001\"}]"));
        assertThat(catchThrowableOfType(PartnerApiException.class, () -> client().allCustomerUins(100)).getMessage())
                .contains("Data[0].CustomerUin is missing");
    }

    @Test
    void dataNullOrMissingWhileTotalIsPositiveFails() {
        server.script("DescribeCustomerUin", ok("\"Total\":\"3\",\"Data\":null"), ok("\"Total\":\"3\""),
                ok("\"Data\":[]"));

        assertThat(catchThrowableOfType(PartnerApiException.class, () -> client().allCustomerUins(100)).getMessage())
                .contains("page 1 (PageSize 100) has no Data list but Total is 3");
        assertThat(catchThrowableOfType(PartnerApiException.class, () -> client().allCustomerUins(100)).getMessage())
                .contains("has no Data list but Total is 3");
        assertThat(catchThrowableOfType(PartnerApiException.class, () -> client().allCustomerUins(100)).getMessage())
                .contains("has no Total count (Total missing)");
    }

    @Test
    void anEmptyListWithTotalZeroIsOneRequestAndNoCustomers() {
        server.script("DescribeCustomerUin", ok("\"Total\":\"0\",\"Data\":[]"));

        assertThat(client().allCustomerUins(100)).isEmpty();
        assertThat(server.received()).hasSize(1);
    }

    private static FakePartnerServer.Answer page(String total, Long... uins) {
        StringJoiner data = new StringJoiner(",");
        for (Long uin : uins) {
            data.add("{\"CustomerUin\":\"" + uin + "\"}");
        }
        return ok("\"Total\":\"" + total + "\",\"Data\":[" + data + "]");
    }
}
