package com.rtcusage.api;

import java.io.IOException;
import java.net.SocketAddress;
import javax.net.ssl.SSLSession;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.EndpointDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.ProtocolVersion;
import org.apache.hc.core5.http.impl.io.HttpRequestExecutor;
import org.apache.hc.core5.http.io.HttpClientConnection;
import org.apache.hc.core5.http.io.HttpResponseInformationCallback;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * Where the pace meets the wire, the only place: the HTTP client's request executor, run once the
 * client has a connection (opened, TLS done) and before it writes. It takes the departure the
 * request carries in {@value DeparturePacing#DEPARTURE_HEADER} (and removes that header, which is
 * not signed, so it never leaves the JVM), refuses a request that holds no granted departure, holds
 * the request until its departure is due, tells the pace when it has been flushed (the client has no
 * callback of its own after the write: its stream listener fires before the flush) and when its
 * answer's header arrived, with the status.
 */
final class PacedRequestExecutor extends HttpRequestExecutor {

    private final DeparturePacing pacing;

    PacedRequestExecutor(DeparturePacing pacing) {
        this.pacing = pacing;
    }

    @Override
    public ClassicHttpResponse execute(ClassicHttpRequest request, HttpClientConnection connection,
            HttpResponseInformationCallback informationCallback, HttpContext context) throws IOException, HttpException {
        Header carried = request.getFirstHeader(DeparturePacing.DEPARTURE_HEADER);
        request.removeHeaders(DeparturePacing.DEPARTURE_HEADER);
        Departure departure = pacing.inHand(carried == null ? null : carried.getValue())
                .orElseThrow(() -> new UnpacedRequestException(request.getMethod() + " " + request.getRequestUri()));
        pacing.holdUntilDue(departure);
        ClassicHttpResponse response = super.execute(request, new FlushReporting(connection, departure),
                informationCallback, context);
        pacing.answered(departure, response.getCode());
        return response;
    }

    /** Passes everything on; after a flush, reports it. */
    private final class FlushReporting implements HttpClientConnection {

        private final HttpClientConnection connection;
        private final Departure departure;

        FlushReporting(HttpClientConnection connection, Departure departure) {
            this.connection = connection;
            this.departure = departure;
        }

        @Override
        public void flush() throws IOException {
            connection.flush();
            pacing.onTheWire(departure);
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
