package dev.loanflow.origination.application;

import dev.loanflow.origination.flow.GatewayStandIn;

/** An application taken to APPROVED through the bank's outcomes. */
final class Approved {

    private Approved() {
    }

    static String application(UseCases given) {
        String id = given.submitted();
        given.outcomes.handle(GatewayStandIn.preApproved(id), GatewayStandIn.metadata(id));
        given.outcomes.handle(GatewayStandIn.created(id), GatewayStandIn.metadata(id));
        given.outcomes.handle(GatewayStandIn.approved(id), GatewayStandIn.metadata(id));
        return id;
    }
}
