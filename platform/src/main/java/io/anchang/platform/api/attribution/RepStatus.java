package io.anchang.platform.api.attribution;

/** R-REC-2: a rep on duty is AVAILABLE, BUSY (serving a customer) or OUT (away on company business). OFF reps are not on the desk. */
public enum RepStatus {
    AVAILABLE("空闲"),
    BUSY("接待中"),
    OUT("外出");

    private final String chinese;

    RepStatus(String chinese) {
        this.chinese = chinese;
    }

    public String chinese() {
        return chinese;
    }
}
