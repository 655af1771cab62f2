#pragma once

// A minimal HTTP/1.1 server on 127.0.0.1 (port chosen by the system) for tests that must never touch the
// internet. It runs on its own thread, so a client blocking in a local event loop on the test's thread
// is served all the same. Responses are scripted per path or computed by a handler; every request is
// recorded with the time it arrived.

#include <QByteArray>
#include <QMap>
#include <QUrl>

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

class QThread;

namespace aegis::testing {

struct FakeHttpRequest {
    QByteArray method;
    QByteArray target;  // as sent: path and query, still percent-encoded
    QByteArray path;    // target before '?'
    QByteArray query;   // target after '?'
    QMap<QByteArray, QByteArray> headers;  // names lower-cased
    qint64 receivedAtMs = 0;  // since the server started

    QByteArray header(const QByteArray& name) const { return headers.value(name.toLower()); }
    QByteArray queryValue(const QByteArray& name) const;  // still percent-encoded
};

struct FakeHttpResponse {
    int status = 200;
    std::vector<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
    int delayMs = 0;              // wait this long before answering (timeouts)
    bool dropConnection = false;  // close without answering (network errors)
    qint64 cutAfterBytes = -1;    // >= 0: announce the whole body, send this many bytes of it, close

    static FakeHttpResponse json(QByteArray body, int status = 200);
};

using FakeHttpHandler = std::function<FakeHttpResponse(const FakeHttpRequest&)>;

class FakeHttpServer {
public:
    FakeHttpServer();   // listening when constructed
    ~FakeHttpServer();
    FakeHttpServer(const FakeHttpServer&) = delete;
    FakeHttpServer& operator=(const FakeHttpServer&) = delete;

    quint16 port() const { return port_; }
    QUrl baseUrl() const;  // http://127.0.0.1:<port>

    // Answers to `path` in order; the last one repeats. Scripts take precedence over the handler.
    void script(const QByteArray& path, std::vector<FakeHttpResponse> responses);
    // Computes answers for paths without a script. Called on the server's thread.
    void setHandler(FakeHttpHandler handler);

    std::vector<FakeHttpRequest> requests() const;
    std::vector<FakeHttpRequest> requestsTo(const QByteArray& path) const;
    void clear();  // forgets scripts, handler and recorded requests

private:
    class Worker;  // the server thread's side; calls respond()
    FakeHttpResponse respond(const FakeHttpRequest& request);

    mutable std::mutex mutex_;
    std::map<QByteArray, std::vector<FakeHttpResponse>> scripts_;
    std::map<QByteArray, std::size_t> served_;
    FakeHttpHandler handler_;
    std::vector<FakeHttpRequest> requests_;

    std::unique_ptr<QThread> thread_;
    Worker* worker_ = nullptr;
    quint16 port_ = 0;
};

}  // namespace aegis::testing
