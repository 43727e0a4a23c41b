package dev.pgpart.guard.hibernate;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An entity on a plain table: the check has nothing to say about it. */
@Entity
@Table(name = "customers")
public class Customer {
    @Id
    private Long id;

    private String name;

    protected Customer() {
    }

    public String getName() {
        return name;
    }
}
