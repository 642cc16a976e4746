package dev.loanflow.simulator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The bank's rules and maths are plain Java; HTTP, JSON and Spring stay in the adapters. */
class DomainIsFrameworkFreeTest {

    private static final String[] DOMAIN = {"..simulator.loan..", "..simulator.application..", "..simulator.bank..",
            "..simulator.auth.."};
    private static final JavaClasses PRODUCTION_CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.loanflow.simulator");

    @Test
    void domainHasNoFrameworkCode() {
        noClasses().that().resideInAnyPackage(DOMAIN)
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta..", "com.fasterxml..")
                .check(PRODUCTION_CLASSES);
    }

    @Test
    void domainDoesNotReachIntoAdapters() {
        noClasses().that().resideInAnyPackage(DOMAIN)
                .should().dependOnClassesThat().resideInAnyPackage("..simulator.web..", "..simulator.sandbox..",
                        "..simulator.callback..")
                .check(PRODUCTION_CLASSES);
    }
}
