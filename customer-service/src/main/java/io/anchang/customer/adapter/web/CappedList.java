package io.anchang.customer.adapter.web;

import io.anchang.customer.application.Capped;
import org.springframework.http.ResponseEntity;

import java.util.List;

/**
 * A list answered as a JSON array, as it always was; when its limit cut it, the answer says so in its headers —
 * {@value #TRUNCATED}: true and {@value #LIMIT}: the limit — and the web application shows "只显示前 500 条，请缩小搜索范围".
 */
final class CappedList {

    static final String TRUNCATED = "X-Truncated";
    static final String LIMIT = "X-Limit";

    private CappedList() {
    }

    static <T> ResponseEntity<List<T>> answer(Capped<T> list) {
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok();
        if (list.truncated()) {
            ok.header(TRUNCATED, "true").header(LIMIT, String.valueOf(list.limit()));
        }
        return ok.body(list.items());
    }
}
