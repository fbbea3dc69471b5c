package com.rtcusage.usage;

import java.io.IOException;
import java.net.SocketAddress;
import javax.net.ssl.SSLSession;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.EndpointDetails;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.ProtocolVersion;
import org.apache.hc.core5.http.impl.io.HttpRequestExecutor;
import org.apache.hc.core5.http.io.HttpClientConnection;
import org.apache.hc.core5.http.io.HttpResponseInformationCallback;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * The HTTP client's request executor, telling {@code onTheWire} each time a request has been
 * flushed to its socket: the earliest moment the request can be said to have left. The client has
 * no callback of its own after the write (its stream listener fires before the flush), so the
 * connection it writes through is wrapped for the length of one exchange.
 */
final class OnTheWireRequestExecutor extends HttpRequestExecutor {

    private final Runnable onTheWire;

    OnTheWireRequestExecutor(Runnable onTheWire) {
        this.onTheWire = onTheWire;
    }

    @Override
    public ClassicHttpResponse execute(ClassicHttpRequest request, HttpClientConnection connection,
            HttpResponseInformationCallback informationCallback, HttpContext context) throws IOException, HttpException {
        return super.execute(request, new FlushReporting(connection), informationCallback, context);
    }

    /** Passes everything on; after a flush, reports it. */
    private final class FlushReporting implements HttpClientConnection {

        private final HttpClientConnection connection;

        FlushReporting(HttpClientConnection connection) {
            this.connection = connection;
        }

        @Override
        public void flush() throws IOException {
            connection.flush();
            onTheWire.run();
        }

        @Override
        public boolean isConsistent() {
            return connection.isConsistent();
        }

        @Override
        public void sendRequestHeader(ClassicHttpRequest request) throws HttpException, IOException {
            connection.sendRequestHeader(request);
        }

        @Override
        public void terminateRequest(ClassicHttpRequest request) throws HttpException, IOException {
            connection.terminateRequest(request);
        }

        @Override
        public void sendRequestEntity(ClassicHttpRequest request) throws HttpException, IOException {
            connection.sendRequestEntity(request);
        }

        @Override
        public ClassicHttpResponse receiveResponseHeader() throws HttpException, IOException {
            return connection.receiveResponseHeader();
        }

        @Override
        public void receiveResponseEntity(ClassicHttpResponse response) throws HttpException, IOException {
            connection.receiveResponseEntity(response);
        }

        @Override
        public boolean isDataAvailable(Timeout timeout) throws IOException {
            return connection.isDataAvailable(timeout);
        }

        @Override
        public boolean isStale() throws IOException {
            return connection.isStale();
        }

        @Override
        public void close() throws IOException {
            connection.close();
        }

        @Override
        public void close(CloseMode closeMode) {
            connection.close(closeMode);
        }

        @Override
        public EndpointDetails getEndpointDetails() {
            return connection.getEndpointDetails();
        }

        @Override
        public SocketAddress getLocalAddress() {
            return connection.getLocalAddress();
        }

        @Override
        public SocketAddress getRemoteAddress() {
            return connection.getRemoteAddress();
        }

        @Override
        public ProtocolVersion getProtocolVersion() {
            return connection.getProtocolVersion();
        }

        @Override
        public SSLSession getSSLSession() {
            return connection.getSSLSession();
        }

        @Override
        public boolean isOpen() {
            return connection.isOpen();
        }

        @Override
        public Timeout getSocketTimeout() {
            return connection.getSocketTimeout();
        }

        @Override
        public void setSocketTimeout(Timeout timeout) {
            connection.setSocketTimeout(timeout);
        }
    }
}
