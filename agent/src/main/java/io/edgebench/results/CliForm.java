package io.edgebench.results;

/**
 * How a CLI flag's text maps onto a request field's JSON value (cli.RequestOptions does the conversion). Two fields
 * may share one flag: {@code --input FILE} fills {@code input}, {@code --input NAME=FILE} fills {@code inputs}.
 */
public enum CliForm {
    /** One value, typed as the component (a Boolean component is a flag without a value). */
    VALUE,
    /** A comma list or a repeated flag: {@code --threads 1,2,4}, {@code --match A=B --match C=D}. */
    LIST,
    /** A Linux CPU list, {@code 0-1,3}. */
    CPU_LIST,
    /** {@code --flag VALUE} without a NAME= prefix: the unnamed counterpart of a NAMED field. */
    UNNAMED,
    /** {@code NAME=VALUE}, repeatable: a map from name to value. */
    NAMED,
    /** {@code NAME=A,B}: a map from name to a pair of numbers (without NAME=, the UNNAMED_PAIR field). */
    NAMED_PAIR,
    /** {@code A,B} without a NAME= prefix: one pair. */
    UNNAMED_PAIR,
    /** {@code NAME=1x3x224x224}: a map from name to dims. */
    NAMED_SHAPE
}
