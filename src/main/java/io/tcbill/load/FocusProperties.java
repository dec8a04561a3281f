package io.tcbill.load;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Whose dataset the {@code focus_1_3} view is: written into the view's SQL when tcbill creates the views.
 *
 * @param perspective       {@code payable}: the Tencent bill as Tencent issues it (InvoiceIssuerName Tencent Cloud, the
 *                          payer account as billing account); {@code customer}: the reseller's invoice to each customer
 *                          (InvoiceIssuerName the reseller, the customer UIN as billing account)
 * @param invoiceIssuerName the reseller's name, required for the customer perspective
 */
@ConfigurationProperties("tcbill.focus")
public record FocusProperties(@DefaultValue("payable") String perspective, String invoiceIssuerName) {

    public FocusProperties {
        perspective = perspective == null || perspective.isBlank() ? "payable" : perspective.strip().toLowerCase();
        if (!perspective.equals("payable") && !perspective.equals("customer")) {
            throw new IllegalArgumentException("tcbill.focus.perspective must be payable or customer, was " + perspective);
        }
        invoiceIssuerName = invoiceIssuerName == null || invoiceIssuerName.isBlank() ? null : invoiceIssuerName.strip();
        if (perspective.equals("customer") && invoiceIssuerName == null) {
            throw new IllegalArgumentException("tcbill.focus.invoice-issuer-name (the reseller's name, the issuer of its"
                    + " customers' invoices) is required when tcbill.focus.perspective is customer");
        }
    }

    /** The Tencent payable perspective. */
    public static FocusProperties defaults() {
        return new FocusProperties("payable", null);
    }

    /** The values of the {@code '{{name}}'} placeholders of the view files. */
    Map<String, String> viewSettings() {
        return Map.of("tcbill.focus.perspective", perspective,
                "tcbill.focus.invoice-issuer-name", invoiceIssuerName == null ? "Tencent Cloud" : invoiceIssuerName);
    }
}
