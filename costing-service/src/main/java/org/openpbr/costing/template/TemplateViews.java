package org.openpbr.costing.template;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What the upload templates say. */
public final class TemplateViews {

    private TemplateViews() {
    }

    @Schema(name = "UploadColumn")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Column(@Schema(required = true, example = "staff_group") String name,
            @Schema(required = true) boolean required,
            @Schema(required = true, description = "What the column must hold, in the words the upload's faults use.") String rule,
            @Schema(description = "The allowed values, when the column takes only these.") List<String> allowedValues,
            @Schema(required = true, description = "The value in the template's example row.") String example) {
    }

    @Schema(name = "UploadTemplate")
    public record Template(@Schema(required = true, example = "contacts") String kind,
            @Schema(required = true, description = "Where the file is sent.", example = "POST /v1/periods/{period}/activity/contacts") String upload,
            @Schema(required = true) String description,
            @Schema(required = true, description = "In the order of the template's header.") List<Column> columns,
            @Schema(required = true, description = "GET this address with Accept: text/csv for the template file.") String file) {
    }

    @Schema(name = "UploadTemplateList")
    public record TemplateList(@Schema(required = true) List<Template> items) {
    }
}
