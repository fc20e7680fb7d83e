package io.anchang.platform.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A request Spring Security's firewall turns away before anything else runs — an encoded slash ({@code %2F}), a
 * {@code ..} segment, a backslash, a control character in the address or a header — is answered with a problem
 * detail a desk clerk can act on, not with the firewall's bare 400 and an empty body (issue 9: never an answer
 * without a reason). Nothing behind the firewall has run.
 */
public final class RejectedRequests implements ServerExchangeRejectedHandler {

    private static final Logger log = LoggerFactory.getLogger(RejectedRequests.class);

    private final ProblemResponses problems;

    public RejectedRequests(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException rejected) {
        log.info("request turned away by the firewall: {}", rejected.getMessage());
        return problems.write(exchange, HttpStatus.BAD_REQUEST, "request-rejected", "Request rejected",
                "请求地址或请求头含有不允许的字符（如编码的斜杠 %2F、“..”、反斜杠或控制字符），请检查链接后重试 (The request's address or"
                        + " headers contain characters that are not allowed: " + rejected.getMessage() + ")", null);
    }
}
