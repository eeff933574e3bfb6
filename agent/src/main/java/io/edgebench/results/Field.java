package io.edgebench.results;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One request field, written once beside its record component: the CLI flag that fills it, its bounds, its
 * default and its one-line documentation. {@link RequestSchema} reads these to bind MQTT requests, the CLI mixin
 * (cli.RequestOptions) to declare the flags and their help, and the schema test to hold docs/mqtt.md to them.
 * The wire name is the component's name in snake_case, as everywhere in the project's JSON.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Field {
    /** The CLI option ("--runs"), or "" for a wire-only field, which must then say why in {@link #wireOnly}. */
    String flag() default "";

    /** The CLI's parameter label when the type's (VALUE, N, X) would not say what to give ("SET"). */
    String label() default "";

    /** How the flag's text becomes the field's JSON value. */
    CliForm form() default CliForm.VALUE;

    /** Inclusive bounds of a number, or of every item of a list of numbers; NaN: unbounded. */
    double min() default Double.NaN;

    double max() default Double.NaN;

    /** The most items a list or map may hold (every count bounded before allocation); 0: not a collection. */
    int maxItems() default 0;

    /** The value when the request leaves the field out, as JSON text; "": none (the doc says what happens). */
    String dflt() default "";

    /** What a valid value looks like when the type does not say it well ("an object mapping input names to ..."). */
    String expect() default "";

    /** A list field that also takes one bare value (compare's {@code "threads": 2}). */
    boolean orOne() default false;

    /** One line for `--help` and docs/mqtt.md: what the field does. */
    String doc();

    /** Why this field has no CLI option (the CLI expresses it otherwise); "": it has one. */
    String wireOnly() default "";

    /** Marks a component whose record's fields sit flat in the request (compare and bench share their lanes'). */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.RECORD_COMPONENT)
    @interface Flat {}
}
