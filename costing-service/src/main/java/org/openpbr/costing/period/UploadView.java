package org.openpbr.costing.period;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

@Schema(name = "Upload", description = "One accepted file.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UploadView(@Schema(required = true) long id,
        @Schema(required = true, description = "LEDGER, CONTACTS, BED_DAYS, GROUP_SESSIONS or EPISODES") String kind,
        @Schema(required = true, description = "SHA-256 of the file as sent: the same file is never loaded twice.") String sha256,
        @Schema(description = "From the request's Content-Disposition filename, when given.") String fileName,
        @Schema(required = true) long rows, @Schema(required = true) Instant loadedAt,
        @Schema(required = true) String loadedBy, @Schema(required = true) long loadMillis,
        @Schema(description = "Set when a newer ledger replaced it or it was withdrawn: its rows are no longer costed.") Instant withdrawnAt,
        String withdrawnBy) {

    /** The request header that may name the file. */
    public static final String CONTENT_DISPOSITION = "Content-Disposition";

    private static final Pattern FILE_NAME = Pattern.compile("filename=\"?([^\";]{1,200})\"?");

    public static UploadView of(Upload u) {
        return new UploadView(u.id, u.kind, u.sha256, u.fileName, u.rowCount, u.loadedAt, u.loadedBy, u.loadMillis,
                u.withdrawnAt, u.withdrawnBy);
    }

    /** The file name in a Content-Disposition header, or null. */
    public static String fileName(String contentDisposition) {
        if (contentDisposition == null) {
            return null;
        }
        Matcher m = FILE_NAME.matcher(contentDisposition);
        return m.find() ? m.group(1).strip() : null;
    }
}
