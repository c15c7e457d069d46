// Every field of ../shared/reference/aws-cloudtrail-fields.md, on hand-made events and on real
// records of attack_data (T1537/aws_snapshot_exfil), values checked by hand.
#include "minispl/io/event_reader.hpp"
#include "minispl/io/json_flatten.hpp"
#include "minispl/sourcetypes/sourcetype.hpp"

#include <doctest/doctest.h>

#include <map>
#include <set>

using namespace minispl;

namespace {
const SourcetypeRegistry& registry() {
    static SourcetypeRegistry reg(std::filesystem::path(MINISPL_SOURCE_DIR) / "sourcetypes");
    return reg;
}
Event ct(std::string_view json) {
    Event e;
    REQUIRE(flatten_json(json, e));
    registry().get("aws:cloudtrail").apply(e);
    return e;
}
std::string f(const Event& e, std::string_view name) {
    const Value* v = e.find(name);
    return v ? v->to_string() : "<null>";
}
const std::vector<Event>& snapshot_exfil() {
    static std::vector<Event> events = [] {
        std::vector<Event> out;
        ReadStats s;
        read_flat_events(std::string(MINISPL_SHARED_DIR) +
                             "/attack_data/datasets/attack_techniques/T1537/aws_snapshot_exfil/aws_cloudtrail_events.json",
                         [&](Event& e, uint64_t) {
                             registry().get("aws:cloudtrail").apply(e);
                             out.push_back(std::move(e));
                         },
                         s);
        return out;
    }();
    return events;
}
// line numbers of the file are 1-based
const Event& line(size_t n) {
    REQUIRE(snapshot_exfil().size() >= n);
    return snapshot_exfil()[n - 1];
}

const char* kIamUser = R"("userIdentity":{"type":"IAMUser","principalId":"AIDA1","arn":"arn:aws:iam::111111111111:user/alice","accountId":"111111111111","accessKeyId":"AKIA1","userName":"alice"})";
const char* kAssumed = R"("userIdentity":{"type":"AssumedRole","principalId":"AROA1:sess","arn":"arn:aws:sts::111111111111:assumed-role/Admin/sess","accountId":"111111111111","accessKeyId":"ASIA1","sessionContext":{"attributes":{"mfaAuthenticated":"false"},"sessionIssuer":{"type":"Role","arn":"arn:aws:iam::111111111111:role/Admin","accountId":"111111111111","userName":"Admin"}}})";

std::string event(const std::string& body, const char* identity = kIamUser) {
    const bool own_source = body.find("\"eventSource\"") != std::string::npos;
    return std::string("{") + identity + R"(,"eventTime":"2024-01-02T03:04:05.250Z",)" +
           (own_source ? "" : R"("eventSource":"iam.amazonaws.com",)") +
           R"("awsRegion":"eu-west-1","sourceIPAddress":"203.0.113.7","userAgent":"aws-cli/2","eventType":"AwsApiCall","recipientAccountId":"222222222222")" +
           (body.empty() ? "" : "," + body) + "}";
}
}  // namespace

TEST_CASE("aws:cloudtrail: timestamp and aliases") {
    Event e = ct(event(R"("eventName":"RunInstances","errorCode":"Client.Unauthorized","errorMessage":"no",
        "requestParameters":{"instanceType":"t3.micro","instancesSet":{"items":[{"imageId":"ami-1"},{"imageId":"ami-2"}]}},
        "responseElements":{"credentials":{"accessKeyId":"ASIATEMP"}})"));
    CHECK(e.time() == doctest::Approx(1704164645.25));
    CHECK(f(e, "src") == "203.0.113.7");
    CHECK(f(e, "src_ip") == "203.0.113.7");
    CHECK(f(e, "signature") == "RunInstances");
    CHECK(f(e, "command") == "RunInstances");
    CHECK(f(e, "region") == "eu-west-1");
    CHECK(f(e, "vendor_region") == "eu-west-1");
    CHECK(f(e, "dvc") == "iam.amazonaws.com");
    CHECK(f(e, "app") == "AwsApiCall");
    CHECK(f(e, "start_time") == "2024-01-02T03:04:05.250Z");
    CHECK(f(e, "user_access_key") == "AKIA1");
    CHECK(f(e, "temp_access_key") == "ASIATEMP");
    CHECK(f(e, "user_group_id") == "111111111111");
    CHECK(f(e, "reason") == "no");
    CHECK(f(e, "result") == "no");
    CHECK(f(e, "result_id") == "Client.Unauthorized");
    CHECK(e.get("image_id").mv_values() == std::vector<std::string>{"ami-1", "ami-2"});
    CHECK(f(e, "instance_type") == "t3.micro");
    CHECK(!e.has("desc"));  // requestParameters is an object: no such field
    Event d = ct(event(R"("eventName":"X","requestParameters":"scalar-params")"));
    CHECK(f(d, "desc") == "scalar-params");
}

TEST_CASE("aws:cloudtrail: user_arn, vendor_account, aws_account_id, user_agent, constants") {
    Event e = ct(event(R"("eventName":"GetUser")"));
    CHECK(f(e, "user_arn") == "arn:aws:iam::111111111111:user/alice");
    CHECK(f(e, "vendor_account") == "111111111111");
    CHECK(f(e, "aws_account_id") == "111111111111");
    CHECK(f(e, "user_agent") == "aws-cli/2");
    CHECK(f(e, "vendor_product") == "AWS CloudTrail");
    CHECK(f(e, "vendor") == "Amazon Web Services");
    CHECK(f(e, "product") == "CloudTrail");

    Event svc = ct(R"({"userIdentity":{"type":"AWSService","invokedBy":"ec2.amazonaws.com"},"eventName":"AssumeRole",
        "eventSource":"sts.amazonaws.com","recipientAccountId":"333","userAgent":["a","b"],
        "requestParameters":{"roleArn":"arn:aws:iam::333:role/svc/Role1"}})");
    CHECK(f(svc, "user_arn") == "arn:aws:iam::333:role/svc/Role1");
    CHECK(f(svc, "vendor_account") == "333");
    CHECK(f(svc, "aws_account_id") == "333");
    CHECK(svc.get("user_agent").mv_values() == std::vector<std::string>{"a", "b"});

    Event acct = ct(R"({"userIdentity":{"type":"AWSAccount","accountId":"444"},"eventName":"GetObject","recipientAccountId":"555"})");
    CHECK(f(acct, "aws_account_id") == "555");
    CHECK(f(acct, "vendor_account") == "444");
}

TEST_CASE("aws:cloudtrail: msg and errorCode") {
    Event ok = ct(event(R"("eventName":"GetUser")"));
    CHECK(f(ok, "msg") == "success");
    CHECK(f(ok, "errorCode") == "success");
    Event denied = ct(event(R"("eventName":"GetUser","errorCode":"AccessDenied")"));
    CHECK(f(denied, "msg") == "AccessDenied");
    CHECK(f(denied, "errorCode") == "AccessDenied");
    Event login_fail = ct(event(R"("eventName":"ConsoleLogin","responseElements":{"ConsoleLogin":"Failure"},"errorMessage":"Failed authentication")"));
    CHECK(f(login_fail, "errorCode") == "failure");
    CHECK(f(login_fail, "msg") == "success");  // msg reads the raw errorCode, which is absent
}

TEST_CASE("aws:cloudtrail: userName") {
    CHECK(f(ct(event(R"("eventName":"X")")), "userName") == "alice");
    CHECK(f(ct(event(R"("eventName":"X")", kAssumed)), "userName") == "Admin");  // session issuer
    Event src_id = ct(event(R"("eventName":"X","requestParameters":{"sourceIdentity":"si"})", kAssumed));
    CHECK(f(src_id, "userName") == "si");
    Event root = ct(R"({"userIdentity":{"type":"Root","arn":"arn:aws:iam::1:root","accountId":"1"},"eventName":"X"})");
    CHECK(f(root, "userName") == "root");
    Event role_only = ct(R"({"userIdentity":{"type":"AWSService"},"eventName":"AssumeRole","requestParameters":{"roleArn":"arn:aws:iam::1:role/path/R2"}})");
    CHECK(f(role_only, "userName") == "R2");
}

TEST_CASE("aws:cloudtrail: user_name and user name the target of IAM user calls") {
    Event create = ct(event(R"("eventName":"CreateUser","requestParameters":{"userName":"mallory"},"responseElements":{"user":{"userName":"mallory","arn":"arn:aws:iam::1:user/mallory"}})"));
    CHECK(f(create, "user_name") == "mallory");
    CHECK(f(create, "user") == "mallory");
    CHECK(f(create, "userName") == "alice");  // the caller
    Event profile = ct(event(R"("eventName":"CreateLoginProfile","requestParameters":{"userName":"bob"},"responseElements":{"loginProfile":{"userName":"bob"}})"));
    CHECK(f(profile, "user_name") == "bob");
    CHECK(f(profile, "user") == "bob");
    Event key = ct(event(R"("eventName":"CreateAccessKey","responseElements":{"accessKey":{"userName":"carol","accessKeyId":"AKIA9"}})"));
    CHECK(f(key, "user_name") == "carol");
    CHECK(f(key, "user") == "alice");  // no requestParameters.userName: acting on self
    Event key2 = ct(event(R"("eventName":"CreateAccessKey","requestParameters":{"userName":"dave"})"));
    CHECK(f(key2, "user") == "dave");
    Event plain = ct(event(R"("eventName":"DescribeInstances")", kAssumed));
    CHECK(f(plain, "user_name") == "Admin");
    CHECK(f(plain, "user") == "Admin");
    Event assume = ct(event(R"("eventName":"AssumeRole","requestParameters":{"roleArn":"arn:aws:iam::1:role/Target"})"));
    CHECK(f(assume, "user") == "Target");
    Event denied = ct(R"({"userIdentity":{"type":"AssumedRole","arn":"arn:aws:sts::1:assumed-role/R/s"},"eventName":"GetUser","errorCode":"AccessDenied",
        "errorMessage":"User: arn:aws:sts::1:assumed-role/R/s is not authorized to perform: iam:GetUser on resource: user victim because no identity-based policy allows it"})");
    CHECK(f(denied, "user") != "victim");  // no `user/NAME` in the text: default applies
    Event denied2 = ct(R"({"userIdentity":{"type":"AssumedRole","arn":"arn:aws:sts::1:assumed-role/R/s"},"eventName":"GetUser","errorCode":"AccessDenied",
        "errorMessage":"User: arn:aws:sts::1:assumed-role/R/s is not authorized to perform: iam:GetUser on resource: arn:aws:iam::1:user/victim"})");
    CHECK(f(denied2, "user") == "victim");
}

TEST_CASE("aws:cloudtrail: user_type and dest") {
    CHECK(f(ct(event(R"("eventName":"X")")), "user_type") == "IAMUser");
    CHECK(f(ct(event(R"("eventName":"X")", kAssumed)), "user_type") == "AssumedRole");
    CHECK(f(ct(event(R"("eventName":"ConsoleLogin")", kAssumed)), "user_type") == "Role");
    Event login = ct(event(R"("eventName":"ConsoleLogin","additionalEventData":{"LoginTo":"https://console.aws.amazon.com/","MFAUsed":"No"})"));
    CHECK(f(login, "dest") == "https://console.aws.amazon.com/");
    Event run = ct(event(R"("eventName":"RunInstances","responseElements":{"instancesSet":{"items":[{"instanceId":"i-1"},{"instanceId":"i-2"}]}})"));
    CHECK(run.get("dest").mv_values() == std::vector<std::string>{"i-1", "i-2"});
    Event stop = ct(event(R"("eventName":"StopInstances","requestParameters":{"instancesSet":{"items":[{"instanceId":"i-9"}]}})"));
    CHECK(f(stop, "dest") == "i-9");
    CHECK(f(ct(event(R"("eventName":"GetUser")")), "dest") == "iam.amazonaws.com");
}

TEST_CASE("aws:cloudtrail: rule_action, protocol, authentication_method, user_role, src_user_role") {
    Event acl = ct(event(R"("eventName":"CreateNetworkAclEntry","requestParameters":{"ruleAction":"allow"})"));
    CHECK(f(acl, "rule_action") == "allow");
    Event acl2 = ct(event(R"("eventName":"CreateNetworkAcl","responseElements":{"networkAcl":{"entrySet":{"items":[{"ruleAction":"deny"},{"ruleAction":"allow"}]}}})"));
    CHECK(acl2.get("rule_action").mv_values() == std::vector<std::string>{"deny", "allow"});
    Event sg = ct(event(R"("eventName":"AuthorizeSecurityGroupIngress","requestParameters":{"ipPermissions":{"items":[{"ipProtocol":"tcp"},{"ipProtocol":"-1"}]}})"));
    CHECK(sg.get("protocol").mv_values() == std::vector<std::string>{"tcp", "-1"});
    CHECK(!ct(event(R"("eventName":"X","requestParameters":{"ipPermissions":{"items":[{"ipProtocol":"tcp"}]}})")).has("protocol"));

    CHECK(f(ct(event(R"("eventName":"ConsoleLogin","additionalEventData":{"MFAUsed":"Yes"})")), "authentication_method") == "MFA");
    CHECK(f(ct(event(R"("eventName":"ConsoleLogin","additionalEventData":{"MFAUsed":"No"})")), "authentication_method") == "SFA");
    CHECK(f(ct(event(R"("eventName":"CheckMfa")")), "authentication_method") == "MFA");
    CHECK(f(ct(event(R"("eventName":"ListAliases")", kAssumed)), "authentication_method") == "SFA");
    CHECK(f(ct(event(R"("eventName":"AssumeRole")", kAssumed)), "authentication_method") == "SFA");
    CHECK(!ct(event(R"("eventName":"AssumeRole")")).has("authentication_method"));  // IAM user caller
    CHECK(!ct(event(R"("eventName":"GetUser")", kAssumed)).has("authentication_method"));

    Event assume = ct(event(R"("eventName":"AssumeRole","requestParameters":{"roleArn":"arn:aws:iam::1:role/Target"})", kAssumed));
    CHECK(f(assume, "user_role") == "arn:aws:iam::1:role/Target");
    CHECK(f(assume, "src_user_role") == "arn:aws:sts::111111111111:assumed-role/Admin/sess");
    Event saml = ct(R"({"userIdentity":{"type":"SAMLUser","userName":"u"},"eventName":"AssumeRoleWithSAML","responseElements":{"assumedRoleUser":{"arn":"arn:aws:sts::1:assumed-role/Fed/u"}}})");
    CHECK(f(saml, "user_role") == "arn:aws:sts::1:assumed-role/Fed/u");
    CHECK(!saml.has("src_user_role"));
    CHECK(!ct(event(R"("eventName":"GetUser")", kAssumed)).has("user_role"));
}

TEST_CASE("aws:cloudtrail: lookups action, status, change_type, object_category") {
    Event login = ct(event(R"("eventName":"ConsoleLogin","eventSource":"signin.amazonaws.com","responseElements":{"ConsoleLogin":"Success"})"));
    CHECK(f(login, "action") == "success");
    CHECK(f(login, "status") == "success");
    CHECK(f(login, "change_type") == "AAA");
    CHECK(f(login, "object_category") == "user");
    Event failed = ct(event(R"("eventName":"ConsoleLogin","responseElements":{"ConsoleLogin":"Failure"})"));
    CHECK(f(failed, "action") == "failure");
    CHECK(f(failed, "status") == "failure");
    Event created = ct(event(R"("eventName":"CreateUser")"));
    CHECK(f(created, "action") == "created");
    CHECK(f(created, "status") == "success");
    CHECK(f(created, "change_type") == "IAM");  // by eventSource
    CHECK(f(created, "object_category") == "user");
    Event run = ct(event(R"("eventName":"RunInstances","eventSource":"ec2.amazonaws.com")"));
    CHECK(f(run, "action") == "started");
    CHECK(f(run, "change_type") == "EC2");
    CHECK(f(run, "object_category") == "instance");
    Event err = ct(event(R"("eventName":"PutRolePolicy","errorCode":"MalformedPolicyDocumentException")"));
    CHECK(f(err, "action") == "failure");
    CHECK(f(err, "status") == "failure");
    CHECK(f(err, "object_category") == "role");
    Event other = ct(event(R"("eventName":"GetCallerIdentity","eventSource":"weird.amazonaws.com")"));
    CHECK(f(other, "action") == "success");
    CHECK(!other.has("change_type"));
    CHECK(f(other, "object_category") == "unknown");
}

TEST_CASE("aws:cloudtrail on real records (attack_data T1537 aws_snapshot_exfil)") {
    REQUIRE(snapshot_exfil().size() == 160);
    for (const Event& e : snapshot_exfil()) {
        CHECK(e.has("_time"));
        CHECK(e.has("errorCode"));
        CHECK(e.has("action"));
        CHECK(e.has("vendor_product"));
    }

    // line 12: ConsoleLogin with MFA by an IAM user
    const Event& login = line(12);
    CHECK(f(login, "eventName") == "ConsoleLogin");
    CHECK(login.time() == 1668097474);
    CHECK(f(login, "src_ip") == "192.0.2.0");
    CHECK(f(login, "user") == "anaya");
    CHECK(f(login, "user_name") == "anaya");
    CHECK(f(login, "userName") == "anaya");
    CHECK(f(login, "user_arn") == "arn:aws:iam::111122223333:user/anaya");
    CHECK(f(login, "aws_account_id") == "111122223333");
    CHECK(f(login, "user_type") == "IAMUser");
    CHECK(f(login, "dest") == "https://console.aws.amazon.com/console/home?state=hashArgs%23&isauthcode=true");
    CHECK(f(login, "authentication_method") == "MFA");
    CHECK(f(login, "errorCode") == "success");
    CHECK(f(login, "action") == "success");
    CHECK(f(login, "status") == "success");
    CHECK(f(login, "change_type") == "AAA");
    CHECK(f(login, "app") == "AwsConsoleSignIn");
    CHECK(!login.has("requestParameters"));  // JSON null

    // line 54: AssumeRole denied
    const Event& denied = line(54);
    CHECK(denied.time() == 1688990566);
    CHECK(f(denied, "errorCode") == "AccessDenied");
    CHECK(f(denied, "msg") == "AccessDenied");
    CHECK(f(denied, "result_id") == "AccessDenied");
    CHECK(f(denied, "action") == "failure");
    CHECK(f(denied, "status") == "failure");
    CHECK(f(denied, "user") == "bert-jan");
    CHECK(f(denied, "dest") == "sts.amazonaws.com");
    CHECK(f(denied, "reason").find("is not authorized to perform: sts:AssumeRole") != std::string::npos);
    CHECK(!denied.has("user_role"));
    CHECK(!denied.has("src_user_role"));
    CHECK(!denied.has("authentication_method"));

    // line 110: AssumeRole by the RDS service
    const Event& svc = line(110);
    CHECK(svc.time() == 1688991521);
    CHECK(f(svc, "user_type") == "AWSService");
    CHECK(f(svc, "aws_account_id") == "123837392027");
    CHECK(f(svc, "vendor_account") == "123837392027");
    CHECK(f(svc, "user_arn") == "arn:aws:iam::123837392027:role/aws-service-role/rds.amazonaws.com/AWSServiceRoleForRDS");
    CHECK(f(svc, "userName") == "AWSServiceRoleForRDS");
    CHECK(f(svc, "user") == "AWSServiceRoleForRDS");
    CHECK(f(svc, "user_role") == "arn:aws:iam::123837392027:role/aws-service-role/rds.amazonaws.com/AWSServiceRoleForRDS");
    CHECK(f(svc, "temp_access_key") == "ASIATFQR7NSCUYCFQ6NW");
    CHECK(f(svc, "src") == "rds.amazonaws.com");

    // line 97: the snapshot shared with another account
    const Event& share = line(97);
    CHECK(share.time() == 1688991088);
    CHECK(f(share, "requestParameters.createVolumePermission.add.items{}.userId") == "012345678912");
    CHECK(f(share, "action") == "modified");
    CHECK(f(share, "status") == "success");
    CHECK(f(share, "change_type") == "EC2");
    CHECK(f(share, "object_category") == "snapshot");
    CHECK(f(share, "user") == "bert-jan");
    CHECK(f(share, "aws_account_id") == "123837392027");
    CHECK(f(share, "region") == "us-east-1");
    CHECK(f(share, "user_agent") == "stratus-red-team_36659dd6-3cf5-4369-ae72-21be4cb11547");

    // line 4: AssumeRole with an expired token by an IAM user
    const Event& expired = line(4);
    CHECK(f(expired, "errorCode") == "ExpiredToken");
    CHECK(f(expired, "user") == "FullAdminRole");
    CHECK(f(expired, "user_name") == "example-user");
    CHECK(f(expired, "user_role") == "arn:aws:iam::123456789012:role/FullAdminRole");
    CHECK(!expired.has("src_user_role"));
    CHECK(f(expired, "temp_access_key") == "1111");

    // line 6: an assumed role's call
    const Event& role = line(6);
    CHECK(f(role, "user_type") == "AssumedRole");
    CHECK(f(role, "userName") == "example-role");
    CHECK(f(role, "user_name") == "example-role");
    CHECK(f(role, "user") == "example-role");
    CHECK(f(role, "user_arn") == "arn:aws:sts::123456789012:assumed-role/example-role/example-user");
    CHECK(f(role, "requestParameters.createVolumePermission.add.items{}.group") == "none");
}

TEST_CASE("generated fixture (tools/gen/gen_cloudtrail.py --events 500 --snapshot-exfil 3 --batch-jobs 2 --seed 42)") {
    std::vector<Event> evs;
    ReadStats s;
    read_flat_events(std::string(MINISPL_SOURCE_DIR) + "/tests/fixtures/io/cloudtrail_gen_small.jsonl",
                     [&](Event& e, uint64_t) {
                         registry().get("aws:cloudtrail").apply(e);
                         evs.push_back(std::move(e));
                     },
                     s);
    CHECK(s.events == 508);
    CHECK(s.bad_records == 0);
    // the snapshot rule's grouping: 5-minute bin, userName, src_ip, aws_account_id; >= 2 distinct calls
    std::map<std::string, std::set<std::string>> groups;
    size_t jobs = 0;
    for (const Event& e : evs) {
        const std::string name = f(e, "eventName");
        if (name == "JobCreated") ++jobs;
        if (name != "CreateSnapshot" && name != "DescribeSnapshotAttribute" && name != "ModifySnapshotAttribute" &&
            name != "DeleteSnapshot")
            continue;
        long long bin = static_cast<long long>(e.time()) / 300 * 300;
        groups[std::to_string(bin) + "|" + f(e, "userName") + "|" + f(e, "src_ip") + "|" + f(e, "aws_account_id")].insert(name);
    }
    size_t hits = 0;
    for (const auto& [k, names] : groups) hits += names.size() >= 2;
    CHECK(hits == 3);
    CHECK(jobs == 2);
}
