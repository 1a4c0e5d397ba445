#include "adapters/storage/sqlite/sqlite_store.hpp"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include "adapters/storage/sqlite/connection.hpp"
#include "adapters/storage/sqlite/migrations.hpp"
#include "adapters/storage/sqlite/sqlite_tx.hpp"

namespace tierdesk::adapters::sqlite {
namespace {

constexpr std::uint64_t kBucketBounds[] = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512};

class SqliteStore final : public core::Store {
 public:
  SqliteStore(SqliteOptions options, std::unique_ptr<Connection> writer)
      : options_(std::move(options)), writer_connection_(std::move(writer)) {
    buckets_ = std::vector<std::atomic<std::uint64_t>>(std::size(kBucketBounds) + 1);
    writer_thread_ = std::thread([this] { WriterLoop(); });
  }

  ~SqliteStore() override {
    {
      std::lock_guard lock(queue_mutex_);
      stopping_ = true;
    }
    queue_cv_.notify_all();
    writer_thread_.join();
    (void)writer_connection_->Exec("PRAGMA wal_checkpoint(TRUNCATE)");
  }

  Status Read(const std::function<Status(core::ReadTx&)>& fn) override {
    auto connection = TD_TRY(AcquireReader());
    Status result;
    {
      Connection::DeadlineScope budget(*connection, options_.read_budget);
      SqliteTx tx(*connection);
      result = fn(tx);
    }
    ReleaseReader(std::move(connection));
    return result;
  }

  Status Write(std::function<Status(core::WriteTx&)> fn) override {
    Job job{std::move(fn), {}};
    auto done = job.done.get_future();
    {
      std::lock_guard lock(queue_mutex_);
      if (stopping_) return Fail(Error::Unavailable("the database is shutting down"));
      queue_.push_back(std::move(job));
    }
    queue_cv_.notify_one();
    return done.get();
  }

  Status CheckReady() override {
    return Read([](core::ReadTx&) -> Status { return Ok(); }).and_then([this]() -> Status {
      auto connection = TD_TRY(AcquireReader());
      auto version = CurrentSchemaVersion(*connection);
      ReleaseReader(std::move(connection));
      if (!version) return Fail(version.error());
      if (*version != LatestSchemaVersion()) {
        return Fail(Error::Unavailable("migrations are not applied"));
      }
      return Ok();
    });
  }

  core::StoreStats Stats() const override {
    core::StoreStats stats;
    stats.commits = commits_.load();
    stats.jobs = jobs_.load();
    for (const auto& bucket : buckets_) stats.batch_buckets.push_back(bucket.load());
    stats.batch_bucket_bounds.assign(std::begin(kBucketBounds), std::end(kBucketBounds));
    return stats;
  }

 private:
  struct Job {
    std::function<Status(core::WriteTx&)> fn;
    std::promise<Status> done;
  };

  Result<std::unique_ptr<Connection>> AcquireReader() {
    {
      std::lock_guard lock(pool_mutex_);
      if (!readers_.empty()) {
        auto connection = std::move(readers_.back());
        readers_.pop_back();
        return connection;
      }
    }
    // Connections are cheap; the pool keeps at most read_connections of them idle.
    auto connection = TD_TRY(Connection::Open(options_.path, Connection::Mode::kReadOnly, "", 32768));
    connection->search_budget = options_.search_budget;
    return connection;
  }

  void ReleaseReader(std::unique_ptr<Connection> connection) {
    std::lock_guard lock(pool_mutex_);
    if (readers_.size() < static_cast<std::size_t>(options_.read_connections)) {
      readers_.push_back(std::move(connection));
    }
  }

  void WriterLoop() {
    std::vector<Job> batch;
    while (true) {
      {
        std::unique_lock lock(queue_mutex_);
        queue_cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
        if (queue_.empty() && stopping_) return;
        const auto take = std::min(queue_.size(), static_cast<std::size_t>(options_.max_batch));
        for (std::size_t i = 0; i < take; ++i) {
          batch.push_back(std::move(queue_.front()));
          queue_.pop_front();
        }
      }
      RunBatch(batch);
      batch.clear();
    }
  }

  // One transaction for the whole batch; a savepoint per job so one failure is rolled back alone.
  // The jobs' search documents are written after the last savepoint (see SqliteTx::WriteSearch).
  void RunBatch(std::vector<Job>& batch) {
    std::vector<Status> results(batch.size());
    Connection& db = *writer_connection_;
    if (Status begun = db.Exec("BEGIN IMMEDIATE"); !begun) {
      for (auto& job : batch) job.done.set_value(Fail(begun.error()));
      return;
    }
    SqliteTx tx(db);
    for (std::size_t i = 0; i < batch.size(); ++i) {
      if (Status s = db.Exec("SAVEPOINT job"); !s) {
        results[i] = Fail(s.error());
        continue;
      }
      try {
        results[i] = batch[i].fn(tx);
      } catch (const std::exception& e) {
        results[i] = Fail(Error::Internal("the write failed", e.what()));
      }
      if (results[i]) {
        tx.KeepJobSearch();
      } else {
        (void)db.Exec("ROLLBACK TO job");
        tx.DropJobSearch();
      }
      (void)db.Exec("RELEASE job");
    }
    Status committed = tx.WriteSearch();
    if (committed) committed = db.Exec("COMMIT");
    if (!committed) {
      (void)db.Exec("ROLLBACK");
      for (auto& result : results) {
        if (result) result = Fail(Error::Unavailable("the database could not commit", committed.error().detail));
      }
    }
    commits_.fetch_add(1);
    jobs_.fetch_add(batch.size());
    std::size_t bucket = 0;
    while (bucket < std::size(kBucketBounds) && batch.size() > kBucketBounds[bucket]) ++bucket;
    buckets_[bucket].fetch_add(1);
    for (std::size_t i = 0; i < batch.size(); ++i) batch[i].done.set_value(std::move(results[i]));
  }

  SqliteOptions options_;
  std::unique_ptr<Connection> writer_connection_;

  std::mutex pool_mutex_;
  std::vector<std::unique_ptr<Connection>> readers_;

  std::mutex queue_mutex_;
  std::condition_variable queue_cv_;
  std::deque<Job> queue_;
  bool stopping_ = false;
  std::thread writer_thread_;

  std::atomic<std::uint64_t> commits_{0};
  std::atomic<std::uint64_t> jobs_{0};
  std::vector<std::atomic<std::uint64_t>> buckets_;
};

}  // namespace

Result<int> MigrateSqlite(const std::string& path) {
  auto connection = TD_TRY(Connection::Open(path, Connection::Mode::kReadWrite, "FULL", 8192));
  return Migrate(*connection);
}

Result<std::unique_ptr<core::Store>> OpenSqliteStore(const SqliteOptions& options) {
  if (options.synchronous != "FULL" && options.synchronous != "NORMAL") {
    return Fail(Error::InvalidArgument("storage.synchronous must be FULL or NORMAL"));
  }
  auto writer = TD_TRY(Connection::Open(options.path, Connection::Mode::kReadWrite,
                                        options.synchronous, 32768));
  TD_TRY(Migrate(*writer));
  return std::unique_ptr<core::Store>(new SqliteStore(options, std::move(writer)));
}

}  // namespace tierdesk::adapters::sqlite
