package dev.pgpart.plan;

import dev.pgpart.sql.QualifiedName;

/** Short constructors for findings, so planner code reads as the rule it applies. */
final class Findings {
    private Findings() {
    }

    static Finding problem(QualifiedName table, Finding.Kind kind, String message) {
        return new Finding(table, kind, Finding.Severity.PROBLEM, message);
    }

    static Finding note(QualifiedName table, Finding.Kind kind, String message) {
        return new Finding(table, kind, Finding.Severity.NOTE, message);
    }

    static Finding drift(QualifiedName table, String message) {
        return problem(table, Finding.Kind.DRIFT, message);
    }
}
