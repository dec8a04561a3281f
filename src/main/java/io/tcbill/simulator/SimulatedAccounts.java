package io.tcbill.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Who the simulated partner is and whose bills it has, deterministic from the seed: the caller's own UIN, its direct
 * customers (the last {@code emptyCustomers} of them with empty files), and for a distributor its second-level
 * resellers, each followed by its customers. What their files hold is {@link BillData}'s concern.
 */
final class SimulatedAccounts {

    static final String CUSTOMER = "Customer";
    static final String RESELLER = "Reseller";
    static final String RESELLER_CUSTOMER = "ResellerCustomer";

    final long ownUin;
    /** Direct customers, in the order {@code DescribeCustomerUin} pages through them. */
    final List<Long> customerUins;
    /** A distributor's second-level resellers, in {@code QuerySubAgentsDetailV2} order; empty for a reseller. */
    final List<Long> resellerUins;
    final Map<Long, List<Long>> resellerCustomerUins;
    /** The {@code CustomerUinType} of every UIN with bills. */
    final Map<Long, String> types;
    final Set<Long> all;
    final Set<Long> emptyCustomers;
    /** Every UIN whose files have rows. */
    final List<Long> billedCustomers;

    SimulatedAccounts(SimulatorConfig config) {
        SplittableRandom random = new SplittableRandom(Seeds.mix(config.seed(), 0));
        Set<Long> uins = new LinkedHashSet<>();
        this.ownUin = 800_000_000_000L + random.nextLong(100_000_000_000L);
        int distributorUins = config.resellerCustomers() == 0 ? 0
                : SimulatorConfig.SECOND_LEVEL_RESELLERS * (1 + config.resellerCustomers());
        while (uins.size() < config.customers() + distributorUins) {
            long uin = 800_000_000_000L + random.nextLong(100_000_000_000L);
            if (uin != ownUin) {
                uins.add(uin);
            }
        }
        // direct customers first (the same UINs as without a distributor), then each second-level reseller and its customers
        List<Long> ordered = List.copyOf(uins);
        this.customerUins = ordered.subList(0, config.customers());
        Map<Long, String> typeOf = new LinkedHashMap<>();
        customerUins.forEach(uin -> typeOf.put(uin, CUSTOMER));
        List<Long> resellers = new ArrayList<>();
        Map<Long, List<Long>> ofReseller = new LinkedHashMap<>();
        for (int i = config.customers(); i < ordered.size(); i += 1 + config.resellerCustomers()) {
            long reseller = ordered.get(i);
            resellers.add(reseller);
            typeOf.put(reseller, RESELLER);
            List<Long> theirs = ordered.subList(i + 1, i + 1 + config.resellerCustomers());
            theirs.forEach(uin -> typeOf.put(uin, RESELLER_CUSTOMER));
            ofReseller.put(reseller, List.copyOf(theirs));
        }
        this.resellerUins = List.copyOf(resellers);
        this.resellerCustomerUins = Map.copyOf(ofReseller);
        this.types = Map.copyOf(typeOf);
        this.all = Set.copyOf(uins);
        this.emptyCustomers = Set.copyOf(customerUins.subList(customerUins.size() - config.emptyCustomers(), customerUins.size()));
        List<Long> billed = new ArrayList<>(ordered);
        billed.removeAll(emptyCustomers);
        this.billedCustomers = List.copyOf(billed);
    }

    /**
     * The reseller account that manages {@code uin}, as the bills' {@code Reseller Account ID} names it: the
     * second-level reseller of a {@code ResellerCustomer}, the caller for anyone else.
     */
    long resellerOf(long uin) {
        if (RESELLER_CUSTOMER.equals(types.get(uin))) {
            return resellerCustomerUins.entrySet().stream().filter(e -> e.getValue().contains(uin)).findFirst()
                    .orElseThrow().getKey();
        }
        return ownUin;
    }
}
