package dev.loanflow.simulator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The bank's rules and maths are plain Java; HTTP, JSON and Spring stay in the adapters. */
@AnalyzeClasses(packages = "dev.loanflow.simulator", importOptions = ImportOption.DoNotIncludeTests.class)
class DomainIsFrameworkFreeTest {

    @ArchTest
    static final ArchRule domainHasNoFrameworkCode = noClasses()
            .that().resideInAnyPackage("..simulator.loan..", "..simulator.application..", "..simulator.bank..",
                    "..simulator.auth..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta..",
                    "com.fasterxml..");

    @ArchTest
    static final ArchRule domainDoesNotReachIntoAdapters = noClasses()
            .that().resideInAnyPackage("..simulator.loan..", "..simulator.application..", "..simulator.bank..")
            .should().dependOnClassesThat().resideInAnyPackage("..simulator.web..", "..simulator.sandbox..",
                    "..simulator.callback..");
}
