package org.openpbr.testing;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaParameter;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.EvaluationResult;

/**
 * The shape every service keeps, checked on its compiled main classes (see docs/architecture.md):
 * a feature package holds a {@code *Resource} (HTTP only), a {@code *Service} (transactions and
 * orchestration), {@code *Queries} (its SQL), its API records and {@code rule/} (pure domain logic).
 */
public final class ArchitectureRules {

    private ArchitectureRules() {
    }

    /** Each rule by name, for the service whose classes live under {@code rootPackage}. */
    public static Map<String, ArchRule> of(String rootPackage) {
        return of(rootPackage, Set.of());
    }

    /**
     * As {@link #of(String)}, with the classes (fully qualified names) allowed to run SQL outside a
     * {@code *Queries} class; each needs its reason where it is named.
     */
    public static Map<String, ArchRule> of(String rootPackage, Set<String> sqlOutsideQueries) {
        Map<String, ArchRule> rules = new LinkedHashMap<>();
        rules.put("resources do not reach the database", noClasses().that().haveSimpleNameEndingWith("Resource")
                .should().dependOnClassesThat().haveFullyQualifiedName("jakarta.persistence.EntityManager")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("javax.sql.DataSource")
                .orShould().dependOnClassesThat().resideInAPackage("java.sql..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("jakarta.persistence.Query")
                .because("SQL belongs in the feature's Queries class, called by its Service").allowEmptyShould(true));
        rules.put("rules are plain Java", noClasses().that().resideInAPackage(rootPackage + "..rule..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta..", "javax..", "io.quarkus..", "java.sql..",
                        "org.hibernate..", "io.vertx..")
                .because("the rules money depends on are pure functions, tested without a framework")
                .allowEmptyShould(true));
        rules.put("feature packages have no cycles", slices().matching(rootPackage + ".(*)..").should().beFreeOfCycles()
                .allowEmptyShould(true));
        rules.put("no entity in an API signature", methods().that().areDeclaredInClassesThat()
                .haveSimpleNameEndingWith("Resource").and().arePublic()
                .should(new ArchCondition<JavaMethod>("have no JPA entity in their signature") {
                    @Override
                    public void check(JavaMethod method, ConditionEvents events) {
                        if (isEntity(method.getRawReturnType())
                                || method.getRawParameterTypes().stream().anyMatch(ArchitectureRules::isEntity)) {
                            events.add(SimpleConditionEvent.violated(method, method.getFullName() + " has an entity in its signature"));
                        }
                    }
                })
                .because("API records, never JPA entities, cross the wire").allowEmptyShould(true));
        rules.put("no entity inside an API record", noFields().that().areDeclaredInClassesThat(apiRecord())
                .should().haveRawType(entity())
                .because("API records, never JPA entities, cross the wire").allowEmptyShould(true));
        rules.put("request bodies are validated", methods().that().areDeclaredInClassesThat()
                .haveSimpleNameEndingWith("Resource").and().arePublic()
                .should(new ArchCondition<JavaMethod>("validate every record they take as a body (@Valid)") {
                    @Override
                    public void check(JavaMethod method, ConditionEvents events) {
                        for (JavaParameter parameter : method.getParameters()) {
                            if (isBody(parameter) && parameter.getRawType().isRecord()
                                    && !parameter.isAnnotatedWith("jakarta.validation.Valid")) {
                                events.add(SimpleConditionEvent.violated(method, method.getFullName()
                                        + " takes " + parameter.getRawType().getSimpleName() + " without @Valid"));
                            }
                        }
                    }
                })
                .because("a request's own rules are its annotations, checked before the service runs")
                .allowEmptyShould(true));
        rules.put("SQL lives in Queries classes", classes().that().resideInAPackage(rootPackage + "..")
                .and(describe("are not *Queries classes or named exceptions", type -> !isSqlHome(type, sqlOutsideQueries)))
                .should(new ArchCondition<JavaClass>("not create queries or statements") {
                    @Override
                    public void check(JavaClass type, ConditionEvents events) {
                        for (JavaMethodCall call : type.getMethodCallsFromSelf()) {
                            String owner = call.getTargetOwner().getFullName();
                            if (SQL_CALLS.getOrDefault(owner, Set.of()).contains(call.getName())) {
                                events.add(SimpleConditionEvent.violated(call, call.getDescription()));
                            }
                        }
                    }
                })
                .because("a feature's SQL is kept in one place, its Queries class, where rows are read by column name")
                .allowEmptyShould(true));
        return rules;
    }

    /**
     * Every violation, rule by rule, in the service's main classes: read from the module's
     * {@code target/classes} as files (a Quarkus test's class loader serves classes under its own
     * URL scheme, which ArchUnit cannot read), without following dependencies into jars.
     */
    public static List<String> violations(String rootPackage) {
        return violations(rootPackage, Set.of());
    }

    /** As {@link #violations(String)}, with the classes allowed SQL outside a Queries class. */
    public static List<String> violations(String rootPackage, Set<String> sqlOutsideQueries) {
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
        JavaClasses classes = new ClassFileImporter().importPath(Path.of("target", "classes"));
        List<String> out = new ArrayList<>();
        of(rootPackage, sqlOutsideQueries).forEach((name, rule) -> {
            EvaluationResult result = rule.evaluate(classes);
            result.getFailureReport().getDetails().forEach(detail -> out.add(name + ": " + detail));
        });
        return out;
    }

    /** The calls that make SQL: JPA queries, JDBC statements, PostgreSQL COPY. */
    private static final Map<String, Set<String>> SQL_CALLS = Map.of(
            "jakarta.persistence.EntityManager", Set.of("createNativeQuery", "createQuery", "createNamedQuery"),
            "java.sql.Connection", Set.of("prepareStatement", "prepareCall", "createStatement"),
            "org.postgresql.copy.CopyManager", Set.of("copyIn", "copyOut"));

    private static boolean isSqlHome(JavaClass type, Set<String> exceptions) {
        String name = type.getName();
        String outer = name.contains("$") ? name.substring(0, name.indexOf('$')) : name;
        return outer.endsWith("Queries") || exceptions.contains(outer);
    }

    /** JAX-RS passes the body to the one parameter that names no other source. */
    private static boolean isBody(JavaParameter parameter) {
        return BODY_EXCLUDED.stream().noneMatch(parameter::isAnnotatedWith);
    }

    private static final List<String> BODY_EXCLUDED = List.of("jakarta.ws.rs.PathParam", "jakarta.ws.rs.QueryParam",
            "jakarta.ws.rs.HeaderParam", "jakarta.ws.rs.CookieParam", "jakarta.ws.rs.FormParam",
            "jakarta.ws.rs.MatrixParam", "jakarta.ws.rs.BeanParam", "jakarta.ws.rs.core.Context",
            "org.jboss.resteasy.reactive.RestForm", "org.jboss.resteasy.reactive.RestPath",
            "org.jboss.resteasy.reactive.RestQuery", "org.jboss.resteasy.reactive.RestHeader");

    /**
     * Rows of native queries read by position ({@code Object[]}) in the module's main sources; they
     * are read by column name ({@code platform.persistence.Row}) instead.
     */
    public static List<String> positionalRows(Path sources) {
        List<String> found = new ArrayList<>();
        if (!Files.isDirectory(sources)) {
            return found;
        }
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    if (POSITIONAL_ROW.matcher(lines.get(i)).find()) {
                        found.add(sources.relativize(file) + ":" + (i + 1) + ": " + lines.get(i).strip());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    private static final Pattern POSITIONAL_ROW = Pattern.compile("\\(Object\\[\\]\\)|List<Object\\[\\]>|Page<Object\\[\\]>");

    static boolean isEntity(JavaClass type) {
        return type.isAnnotatedWith("jakarta.persistence.Entity");
    }

    private static com.tngtech.archunit.base.DescribedPredicate<JavaClass> entity() {
        return describe("a JPA entity", ArchitectureRules::isEntity);
    }

    /** Records the API is made of: declared in, or nested in, a *Views or *Resource class. */
    private static com.tngtech.archunit.base.DescribedPredicate<JavaClass> apiRecord() {
        return describe("API records", type -> type.isRecord() && type.getEnclosingClass()
                .map(outer -> outer.getSimpleName().endsWith("Views") || outer.getSimpleName().endsWith("Resource"))
                .orElse(false));
    }
}
