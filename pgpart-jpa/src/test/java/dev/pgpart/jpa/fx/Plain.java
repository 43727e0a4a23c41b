package dev.pgpart.jpa.fx;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An entity pgpart has nothing to do with. */
@Entity
@Table(name = "plain_notes")
public class Plain {
    @Id
    public Long id;
    public String text;
}
