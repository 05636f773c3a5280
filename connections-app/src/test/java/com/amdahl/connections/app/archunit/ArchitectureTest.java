package com.amdahl.connections.app.archunit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.onionArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CONTRACT section 1 and DESIGN.md, enforced. Only this module sees every class. */
class ArchitectureTest {
    private static final String BASE = "com.amdahl.connections";
    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        // Modules arrive as jars in a reactor build; test classes and test-jars stay out.
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar")).importPackages(BASE);
    }

    private static void check(ArchRule rule) {
        rule.allowEmptyShould(false).check(classes);
    }

    @Test
    void the_domain_depends_only_on_the_jdk() {
        check(classes().that().resideInAPackage(BASE + ".domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(BASE + ".domain..", "java.."));
    }

    @Test
    void the_domain_uses_no_network_or_io() {
        check(noClasses().that().resideInAPackage(BASE + ".domain..")
                .should().dependOnClassesThat().resideInAnyPackage("java.net..", "java.io..", "java.sql..", "java.nio..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.System"));
    }

    @Test
    void the_application_depends_only_on_the_domain_the_jdk_and_validation() {
        check(classes().that().resideInAPackage(BASE + ".application..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(BASE + ".application..", BASE + ".domain..",
                        "java..", "javax.crypto..", "jakarta.validation.."));
    }

    @Test
    void the_application_makes_no_network_calls() {
        check(noClasses().that().resideInAPackage(BASE + ".application..")
                .should().dependOnClassesThat().resideInAnyPackage("java.net.http..", "java.sql.."));
    }

    @Test
    void layers_form_an_onion_with_independent_adapters() {
        // Checked directly: allowEmptyShould(false) would turn the optional (still thin) layers mandatory.
        (onionArchitecture()
                .domainModels(BASE + ".domain..")
                .applicationServices(BASE + ".application..")
                .adapter("persistence", BASE + ".adapter.persistence..")
                .adapter("providers", BASE + ".adapter.providers..")
                .adapter("rest", BASE + ".adapter.rest..")
                .adapter("mcp", BASE + ".adapter.mcp..")
                .withOptionalLayers(true)
                .ignoreDependency(com.tngtech.archunit.base.DescribedPredicate.alwaysTrue()
                        .forSubtype().and(com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage(BASE + ".app..")),
                        com.tngtech.archunit.base.DescribedPredicate.alwaysTrue())).check(classes);
    }

    @Test
    void nothing_depends_on_the_composition_root() {
        check(noClasses().that().resideOutsideOfPackage(BASE + ".app..")
                .should().dependOnClassesThat().resideInAPackage(BASE + ".app.."));
    }

    @Test
    void technology_stays_in_its_adapter() {
        check(noClasses().that().resideOutsideOfPackages(BASE + ".adapter.persistence..", BASE + ".app..")
                .should().dependOnClassesThat().resideInAnyPackage("org.jdbi..", "org.flywaydb..", "com.zaxxer..", "org.h2.."));
        check(noClasses().that().resideOutsideOfPackages(BASE + ".adapter.rest..", BASE + ".app..")
                .should().dependOnClassesThat().resideInAnyPackage("io.javalin.."));
        // The HTTP stack's own answers are shaped in the REST adapter (HttpStackErrors), nowhere else.
        check(noClasses().that().resideOutsideOfPackages(BASE + ".adapter.rest..", BASE + ".app..")
                .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.jetty.."));
        check(noClasses().that().resideOutsideOfPackages(BASE + ".adapter.mcp..", BASE + ".app..")
                .should().dependOnClassesThat().resideInAnyPackage("io.modelcontextprotocol.."));
        check(noClasses().that().resideOutsideOfPackages(BASE + ".adapter.providers..", BASE + ".app..")
                .should().dependOnClassesThat().resideInAnyPackage("java.net.http.."));
    }

    @Test
    void metrics_and_log_formats_stay_in_the_composition_root() {
        // The application reports through its Telemetry port; Micrometer and logback are the app's choice.
        check(noClasses().that().resideInAnyPackage(BASE + ".domain..", BASE + ".application..")
                .should().dependOnClassesThat().resideInAnyPackage("io.micrometer..", "io.prometheus.."));
        check(noClasses().that().resideOutsideOfPackage(BASE + ".app..")
                .should().dependOnClassesThat().resideInAnyPackage("io.micrometer..", "io.prometheus..",
                        "ch.qos.logback.."));
    }

    @Test
    void inbound_ports_do_not_depend_on_services() {
        check(noClasses().that().resideInAPackage(BASE + ".application.port..")
                .should().dependOnClassesThat().resideInAPackage(BASE + ".application.service.."));
    }

    @Test
    void adapters_call_ports_not_services() {
        check(noClasses().that().resideInAPackage(BASE + ".adapter..")
                .should().dependOnClassesThat().resideInAPackage(BASE + ".application.service.."));
    }

    @Test
    void who_may_do_what_is_decided_by_the_use_cases_never_at_the_edge() {
        // Adapters pass the raw id, limit and body; each use case checks scope, not-found and role itself,
        // so REST and MCP cannot differ in order or wording (issue 21).
        check(noClasses().that().resideInAnyPackage(BASE + ".adapter..", BASE + ".app..")
                .should().dependOnClassesThat().haveFullyQualifiedName(BASE + ".application.Permissions"));
    }

    @Test
    void the_domain_never_reads_the_clock_itself() {
        check(noClasses().that().resideInAPackage(BASE + ".domain..")
                .should().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(java.time.LocalDateTime.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(java.time.Clock.class, "systemUTC"));
    }

    @Test
    void domain_fields_are_final() {
        check(com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields().that().areDeclaredInClassesThat()
                .resideInAPackage(BASE + ".domain..").should().beFinal());
    }

    @Test
    void notification_endpoints_are_managed_on_rest_only_never_over_mcp() {
        check(noClasses().that().resideInAPackage(BASE + ".adapter.mcp..")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".domain.notification..")
                .orShould().dependOnClassesThat().haveSimpleName("ManageNotificationEndpoints")
                .orShould().dependOnClassesThat().haveSimpleName("Notifications"));
    }

    @Test
    void no_class_is_named_impl_or_dto() {
        check(noClasses().that().resideInAPackage(BASE + "..")
                .should().haveSimpleNameEndingWith("Impl").orShould().haveSimpleNameEndingWith("Dto"));
    }

    @Test
    void domain_packages_form_no_cycle() {
        // catalog <- connection -> sync; a connection's id and scope live below both (workspace, catalog)
        com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices()
                .matching(BASE + ".domain.(*)..").should().beFreeOfCycles()
                .allowEmptyShould(false).check(classes);
    }

    @Test
    void connector_packages_do_not_depend_on_each_other() {
        com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices()
                .matching(BASE + ".adapter.providers.connectors.(*)..").should().notDependOnEachOther()
                .allowEmptyShould(false).check(classes);
    }

    @Test
    void the_connector_kit_knows_no_connector_and_no_registry() {
        check(noClasses().that().resideInAPackage(BASE + ".adapter.providers.kit..")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".adapter.providers.connectors..")
                .orShould().dependOnClassesThat().resideInAPackage(BASE + ".adapter.providers"));
    }

    @Test
    void connectors_use_the_kit_not_the_adapter_root() {
        check(noClasses().that().resideInAPackage(BASE + ".adapter.providers.connectors..")
                .should().dependOnClassesThat().resideInAPackage(BASE + ".adapter.providers"));
    }
}
