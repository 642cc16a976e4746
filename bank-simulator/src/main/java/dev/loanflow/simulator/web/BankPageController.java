package dev.loanflow.simulator.web;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/** Where the bank redirection URL points: the customer's page at the bank, which the sandbox only describes. */
@RestController
class BankPageController {

    @GetMapping(value = "/bank-page/{referenceId}", produces = MediaType.TEXT_HTML_VALUE)
    String page(@PathVariable String referenceId) {
        return "<!doctype html><title>Sandbox bank</title><h1>Sandbox bank page</h1><p>Application "
                + HtmlUtils.htmlEscape(referenceId) + ". The customer's decision follows the sandbox scenario; "
                + "see the bank simulator in docs/reference.md.</p>";
    }
}
