#include "app/directory/directory.hpp"
#include "core/common/text.hpp"

namespace tierdesk::app::directory {

Result<core::Service> CreateService(const AppContext& ctx, const core::Actor& actor,
                                    core::Service input) {
  TD_CHECK(core::Require(actor, core::Action::kManageServices));
  std::vector<FieldError> errors;
  if (!core::IsServiceCode(input.code)) {
    errors.push_back({"code", "is 1 to 32 of a-z 0-9 _, starting with a letter"});
  }
  input.name = std::string(TrimAscii(input.name));
  if (input.name.empty() || CodePointCount(input.name) > 100 || !IsValidUtf8(input.name) ||
      !HasNoControlCharacters(input.name, AllowNewlines::kNo)) {
    errors.push_back({"name", "must be 1 to 100 characters, one line"});
  }
  if (!errors.empty()) return Fail(Error::InvalidArgument("the service is not valid", errors));
  input.builtin = false;
  TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) -> Status {
    TD_CHECK(tx.InsertService(input));
    auto event = core::DirectoryEvent(actor.user_id, "service.created", "service", 0, ctx.clock.Now());
    event.after = input.code;
    return tx.AppendEvent(event);
  }));
  return input;
}

Result<std::vector<core::Service>> ListServices(const AppContext& ctx, const core::Actor&) {
  return core::ReadValue<std::vector<core::Service>>(
      ctx.store, [](core::ReadTx& tx) { return tx.ListServices(); });
}

}  // namespace tierdesk::app::directory
