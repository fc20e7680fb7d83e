package io.anchang.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Talks HTTP/1.1 to a service over one kept-alive connection, as the gateway's connection pool
 * does: requests written back to back, the answers read in order. It answers the status of
 * each, or says which request was never answered.
 */
public final class KeepAliveProbe implements AutoCloseable {

    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^content-length:\\s*(\\d+)");
    private static final Pattern CHUNKED = Pattern.compile("(?im)^transfer-encoding:\\s*chunked");

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final String host;

    public KeepAliveProbe(int port, int timeoutMillis) throws IOException {
        this.socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(timeoutMillis);
        this.out = socket.getOutputStream();
        this.in = socket.getInputStream();
        this.host = "127.0.0.1:" + port;
    }

    /** One request as it goes on the wire; a body is sent with its Content-Length. */
    public String request(String method, String path, String body) {
        StringBuilder request = new StringBuilder().append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append("\r\n").append("Accept: application/json\r\n");
        if (body != null) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            request.append("Content-Type: application/json\r\nContent-Length: ").append(bytes.length).append("\r\n\r\n")
                    .append(body);
        } else {
            request.append("\r\n");
        }
        return request.toString();
    }

    /**
     * Writes the requests in one go and reads as many answers.
     *
     * @param what what the requests are, for the failure message
     * @return each answer's status code, in order
     * @throws AssertionError naming the first request that got no answer within the timeout
     */
    public List<Integer> send(String what, String... requests) throws IOException {
        out.write(String.join("", requests).getBytes(StandardCharsets.UTF_8));
        out.flush();
        List<Integer> statuses = new ArrayList<>();
        for (String request : requests) {
            try {
                statuses.add(readAnswer());
            } catch (SocketTimeoutException e) {
                throw new AssertionError(what + ": no answer on the kept-alive connection to: "
                        + request.lines().findFirst().orElse(request) + " (answered before it: " + statuses + ")");
            }
        }
        return statuses;
    }

    private int readAnswer() throws IOException {
        String head = readLine();
        int status = Integer.parseInt(head.split(" ")[1]);
        StringBuilder headers = new StringBuilder();
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            headers.append(line).append('\n');
        }
        Matcher length = CONTENT_LENGTH.matcher(headers);
        if (length.find()) {
            in.readNBytes(Integer.parseInt(length.group(1)));
        } else if (CHUNKED.matcher(headers).find()) {
            for (int size = chunkSize(); size > 0; size = chunkSize()) {
                in.readNBytes(size);
                readLine();
            }
            for (String line = readLine(); !line.isEmpty(); line = readLine()) {
                // trailers, none expected
            }
        }
        return status;
    }

    private int chunkSize() throws IOException {
        String line = readLine().toLowerCase(Locale.ROOT);
        int semicolon = line.indexOf(';');
        return Integer.parseInt((semicolon < 0 ? line : line.substring(0, semicolon)).trim(), 16);
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the service closed the connection");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
