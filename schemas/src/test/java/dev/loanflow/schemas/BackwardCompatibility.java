package dev.loanflow.schemas;

import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.SchemaValidationException;
import org.apache.avro.SchemaValidator;
import org.apache.avro.SchemaValidatorBuilder;

/** BACKWARD, as the registry means it: a consumer on the new schema reads data written with every older one. */
final class BackwardCompatibility {

    private static final SchemaValidator CAN_READ_ALL = new SchemaValidatorBuilder().canReadStrategy().validateAll();

    private BackwardCompatibility() {
    }

    /** Returns the reason the candidate cannot read the older versions, or null when it can. */
    static String violation(Schema candidate, List<Schema> olderVersions) {
        try {
            CAN_READ_ALL.validate(candidate, olderVersions);
            return null;
        } catch (SchemaValidationException e) {
            return e.getMessage();
        }
    }
}
