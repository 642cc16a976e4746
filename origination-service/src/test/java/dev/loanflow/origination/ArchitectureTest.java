package dev.loanflow.origination;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The application and its money are plain Java at the centre; frameworks, the contract's records and I/O stay outside. */
class ArchitectureTest {

    private static final JavaClasses PRODUCTION_CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.loanflow.origination");

    @Test
    void domainHasNoFrameworkNorContractCode() {
        noClasses().that().resideInAPackage("..origination.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta..",
                        "com.fasterxml..", "org.apache.avro..", "org.apache.kafka..", "io.micrometer..", "java.sql..",
                        "dev.loanflow.events..", "dev.loanflow.schemas..", "dev.loanflow.eventing..")
                .check(PRODUCTION_CLASSES);
    }

    @Test
    void domainDependsOnNothingAroundIt() {
        noClasses().that().resideInAPackage("..origination.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("..origination.application..",
                        "..origination.lifecycle..", "..origination.persistence..", "..origination.web..",
                        "..origination.kafka..", "..origination.ops..")
                .check(PRODUCTION_CLASSES);
    }

    @Test
    void useCasesReachTheirAdaptersOnlyThroughPorts() {
        noClasses().that().resideInAPackage("..origination.application..")
                .should().dependOnClassesThat().resideInAnyPackage("..origination.web..", "..origination.kafka..",
                        "..origination.ops..", "..origination.persistence..")
                .check(PRODUCTION_CLASSES);
    }
}
