package dev.loanflow.notification.delivery;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.loanflow.eventing.ConsumedEvents;
import dev.loanflow.events.ApplicationStatusChanged;
import dev.loanflow.events.SealedCustomer;
import dev.loanflow.notification.channel.Masking;
import dev.loanflow.notification.content.CustomerMessages;
import dev.loanflow.schemas.sealing.PersonalDataSealer;

/**
 * Turns a status change into the deliveries the rules ask for, in one transaction with the consumed event's id, so a
 * redelivered event adds nothing. {@link DispatchingDeliveries} sends them once the transaction commits.
 */
@Component
public class PlanningDeliveries {

    private final NotificationRules rules;
    private final CustomerMessages messages = new CustomerMessages();
    private final DispatchingDeliveries dispatcher;
    private final ConsumedEvents consumed;
    private final PersonalDataSealer sealer;
    private final ObjectMapper json;

    PlanningDeliveries(NotificationRules rules, DispatchingDeliveries dispatcher, ConsumedEvents consumed, PersonalDataSealer sealer,
                    ObjectMapper json) {
        this.rules = rules;
        this.dispatcher = dispatcher;
        this.consumed = consumed;
        this.sealer = sealer;
        this.json = json;
    }

    public void plan(ApplicationStatusChanged change) {
        planAll(List.of(change));
    }

    /** A poll's worth of changes: their deliveries in one insert, in one transaction with their consumed ids. */
    public void planAll(List<ApplicationStatusChanged> changes) {
        consumed.applyOnceEach(changes, change -> change.getMetadata().getEventId(),
                ApplicationStatusChanged.class.getSimpleName(),
                firstTime -> dispatcher.enqueue(firstTime.stream().flatMap(this::deliveries).toList()));
    }

    private Stream<Deliveries.Planned> deliveries(ApplicationStatusChanged change) {
        List<Channel> channels = isRequestOnly(change)
                ? rules.channelsFor(change.getStatus()).stream().filter(channel -> channel == Channel.WEBHOOK).toList()
                : rules.channelsFor(change.getStatus());
        // opened once per change, and only when a customer is written to
        String name = channels.contains(Channel.EMAIL) || channels.contains(Channel.SMS) ? nameOf(change.getCustomer()) : "";
        return channels.stream().flatMap(channel -> delivery(change, channel, name).stream());
    }

    /** A merchant's request that changed no status yet (a refund on its way to the bank): news for the merchant only. */
    private static boolean isRequestOnly(ApplicationStatusChanged change) {
        return change.getStatus() == change.getPreviousStatus() && "RefundRequested".equals(change.getTrigger());
    }

    private Optional<Deliveries.Planned> delivery(ApplicationStatusChanged change, Channel channel, String name) {
        String eventId = change.getMetadata().getEventId();
        String applicationId = change.getMetadata().getApplicationId();
        String merchantId = change.getMetadata().getMerchantId();
        SealedCustomer customer = change.getCustomer();
        return switch (channel) {
            case EMAIL -> customer == null || customer.getEmail() == null ? Optional.empty()
                    : messages.email(change, name).map(email -> new Deliveries.Planned(eventId, applicationId,
                            merchantId, channel, Masking.email(sealer.open(customer.getEmail())), customer.getEmail(), null,
                            email.subject(), null, sealer.seal(email.body())));
            case SMS -> customer == null ? Optional.empty()
                    : messages.sms(change, name).map(text -> new Deliveries.Planned(eventId, applicationId,
                            merchantId, channel, Masking.phone(sealer.open(customer.getGsmNumber())), customer.getGsmNumber(),
                            null, null, null, sealer.seal(text)));
            case WEBHOOK -> Optional.of(new Deliveries.Planned(eventId, applicationId, merchantId, channel,
                    change.getMerchantCallbackUrl(), null, change.getMerchantCallbackUrl(), null, webhookBody(change), null));
        };
    }

    /** Sealed since the name was; in clear in events from before. */
    private String nameOf(SealedCustomer customer) {
        if (customer == null) {
            return "";
        }
        if (customer.getSealedFullName() != null) {
            return sealer.open(customer.getSealedFullName());
        }
        return customer.getFullName() == null ? "" : customer.getFullName();
    }

    private String webhookBody(ApplicationStatusChanged change) {
        ObjectNode data = json.createObjectNode()
                .put("applicationId", change.getMetadata().getApplicationId())
                .put("orderId", change.getOrderId())
                .put("status", change.getStatus().name())
                .put("previousStatus", change.getPreviousStatus() == null ? null : change.getPreviousStatus().name())
                .put("loanAmount", change.getLoanAmount())
                .put("refundedTotal", change.getRefundedTotal())
                .put("bankRedirectionUrl", change.getBankRedirectionUrl())
                .put("detail", change.getDetail());
        try {
            return json.writeValueAsString(Map.of("type", "loan.application.status_changed",
                    "timestamp", change.getMetadata().getOccurredAt().toString(), "data", data));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
