package io.tcbill.simulator;

/**
 * An error the simulated API answers with ({@code Response.Error}), thrown where the condition is found and turned
 * into the envelope by {@link ApiEndpoint}. Codes are those of partner-api.md §3.4.
 */
final class ApiError extends RuntimeException {

    private final String code;

    ApiError(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    String code() {
        return code;
    }

    static ApiError missingParameter(String name) {
        return new ApiError("MissingParameter", "The request is missing a required parameter `" + name + "`.");
    }

    static ApiError unknownParameter(String name) {
        return new ApiError("UnknownParameter", "The parameter `" + name + "` is not recognized.");
    }

    static ApiError invalidMonth(String month, String why) {
        return new ApiError("InvalidParameterValue.InvalidMonth", "Incorrect month value `" + month + "`: " + why + ".");
    }

    static ApiError uinNoAuth(long customerUin) {
        return new ApiError("UnauthorizedOperation.UinNoAuth",
                "The current user doesn't have permission for the operation on customer " + customerUin + ".");
    }

    static ApiError signatureFailure(String why) {
        return new ApiError("AuthFailure.SignatureFailure",
                "The provided credentials could not be validated (" + why + "). Please check your signature is correct.");
    }
}
