#include "support/fake_http_server.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QList>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

#include <optional>
#include <stdexcept>

namespace aegis::testing {

namespace {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK";
    case 301: return "Moved Permanently";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "Status";
    }
}

QByteArray serialise(const FakeHttpResponse& response)
{
    QByteArray bytes = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
    bytes += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    bytes += "Connection: close\r\n";
    for (const auto& [name, value] : response.headers)
        bytes += name + ": " + value + "\r\n";
    return bytes + "\r\n" + (response.cutAfterBytes >= 0 ? response.body.left(response.cutAfterBytes) : response.body);
}

std::optional<FakeHttpRequest> parseHead(const QByteArray& head)
{
    const QList<QByteArray> lines = head.split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    if (requestLine.size() != 3)
        return std::nullopt;
    FakeHttpRequest request;
    request.method = requestLine[0];
    request.target = requestLine[1];
    const qsizetype question = request.target.indexOf('?');
    request.path = question < 0 ? request.target : request.target.left(question);
    request.query = question < 0 ? QByteArray() : request.target.mid(question + 1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            request.headers.insert(line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed());
    }
    return request;
}

}  // namespace

QByteArray FakeHttpRequest::queryValue(const QByteArray& name) const
{
    for (const QByteArray& pair : query.split('&')) {
        const qsizetype equals = pair.indexOf('=');
        if (equals > 0 && pair.left(equals) == name)
            return pair.mid(equals + 1);
    }
    return {};
}

FakeHttpResponse FakeHttpResponse::json(QByteArray body, int status)
{
    FakeHttpResponse response;
    response.status = status;
    response.body = std::move(body);
    response.headers.emplace_back("Content-Type", "application/json");
    return response;
}

// Lives on the server thread: owns the listening socket and the connections.
class FakeHttpServer::Worker : public QObject {
public:
    explicit Worker(FakeHttpServer& owner) : owner_(owner) { clock_.start(); }

    quint16 listen()
    {
        server_ = new QTcpServer(this);
        if (!server_->listen(QHostAddress::LocalHost, 0))
            return 0;
        QObject::connect(server_, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = server_->nextPendingConnection())
                serve(socket);
        });
        return server_->serverPort();
    }

private:
    void serve(QTcpSocket* socket)
    {
        QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        auto buffer = std::make_shared<QByteArray>();
        QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
            buffer->append(socket->readAll());
            const qsizetype end = buffer->indexOf("\r\n\r\n");
            if (end < 0 || socket->property("answered").toBool())
                return;
            socket->setProperty("answered", true);
            std::optional<FakeHttpRequest> request = parseHead(buffer->left(end));
            if (!request) {
                socket->abort();
                return;
            }
            request->receivedAtMs = clock_.elapsed();
            const FakeHttpResponse response = owner_.respond(*request);
            const QPointer<QTcpSocket> guarded(socket);
            const auto answer = [guarded, response] {
                if (!guarded)
                    return;
                if (response.dropConnection) {
                    guarded->abort();
                    return;
                }
                guarded->write(serialise(response));
                guarded->disconnectFromHost();
            };
            if (response.delayMs > 0)
                QTimer::singleShot(response.delayMs, socket, answer);
            else
                answer();
        });
    }

    FakeHttpServer& owner_;
    QTcpServer* server_ = nullptr;
    QElapsedTimer clock_;
};

FakeHttpServer::FakeHttpServer() : thread_(std::make_unique<QThread>())
{
    worker_ = new Worker(*this);
    worker_->moveToThread(thread_.get());
    thread_->start();
    QMetaObject::invokeMethod(worker_, [this] { port_ = worker_->listen(); }, Qt::BlockingQueuedConnection);
    if (port_ == 0)
        throw std::runtime_error("the fake HTTP server could not listen on 127.0.0.1");
}

FakeHttpServer::~FakeHttpServer()
{
    // Sockets and the listener are children of the worker and must go on their own thread.
    QMetaObject::invokeMethod(worker_, [this] { delete worker_; }, Qt::BlockingQueuedConnection);
    thread_->quit();
    thread_->wait();
}

QUrl FakeHttpServer::baseUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port_));
}

void FakeHttpServer::script(const QByteArray& path, std::vector<FakeHttpResponse> responses)
{
    const std::lock_guard lock(mutex_);
    scripts_[path] = std::move(responses);
    served_[path] = 0;
}

void FakeHttpServer::setHandler(FakeHttpHandler handler)
{
    const std::lock_guard lock(mutex_);
    handler_ = std::move(handler);
}

std::vector<FakeHttpRequest> FakeHttpServer::requests() const
{
    const std::lock_guard lock(mutex_);
    return requests_;
}

std::vector<FakeHttpRequest> FakeHttpServer::requestsTo(const QByteArray& path) const
{
    const std::lock_guard lock(mutex_);
    std::vector<FakeHttpRequest> matching;
    for (const FakeHttpRequest& request : requests_) {
        if (request.path == path)
            matching.push_back(request);
    }
    return matching;
}

void FakeHttpServer::clear()
{
    const std::lock_guard lock(mutex_);
    scripts_.clear();
    served_.clear();
    handler_ = nullptr;
    requests_.clear();
}

FakeHttpResponse FakeHttpServer::respond(const FakeHttpRequest& request)
{
    FakeHttpHandler handler;
    {
        const std::lock_guard lock(mutex_);
        requests_.push_back(request);
        const auto script = scripts_.find(request.path);
        if (script != scripts_.end() && !script->second.empty()) {
            std::size_t& served = served_[request.path];
            const std::size_t index = std::min(served, script->second.size() - 1);
            ++served;
            return script->second[index];
        }
        handler = handler_;
    }
    // Outside the lock, so a handler may look at the recorded requests.
    if (handler)
        return handler(request);
    FakeHttpResponse notFound;
    notFound.status = 404;
    notFound.body = "no script for " + request.path;
    return notFound;
}

}  // namespace aegis::testing
