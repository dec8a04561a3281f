package io.tcbill.statuspage;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The status page on a servlet container: {@code schedule}'s management server. GET and HEAD only. */
final class StatusServlet extends HttpServlet {

    private final transient StatusPage page;

    StatusServlet(StatusPage page) {
        this.page = page;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        StatusPage.Response answer = page.get(request.getRequestURI().substring(request.getContextPath().length()));
        response.setStatus(answer.status());
        response.setContentType(answer.contentType());
        StatusPage.Response.HEADERS.forEach(response::setHeader);
        response.setContentLength(answer.body().length);
        response.getOutputStream().write(answer.body());
    }
}
