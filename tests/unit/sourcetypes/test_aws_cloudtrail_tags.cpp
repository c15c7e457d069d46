// The eventtypes and tags of sourcetypes/eventtypes/aws_cloudtrail.yml and the CIM fields added to
// sourcetypes/aws_cloudtrail.yml for the Authentication and Change data models (sources named in
// those files): one test case per fact, on hand-made records shaped as CloudTrail writes them.
#include "minispl/io/json_flatten.hpp"
#include "minispl/sourcetypes/sourcetype.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

using namespace minispl;

namespace {
const SourcetypeRegistry& registry() {
    static SourcetypeRegistry reg(std::filesystem::path(MINISPL_SOURCE_DIR) / "sourcetypes");
    return reg;
}
//! The record as minispl prepares it: JSON fields, `sourcetype`, then everything resolve() merges
//! for the sourcetype (stanza, eventtypes and tags).
Event record(std::string_view json, const char* sourcetype = "aws:cloudtrail") {
    Event e;
    REQUIRE(flatten_json(json, e));
    e.set("sourcetype", Value::string(sourcetype));
    registry().resolve(sourcetype)->apply(e);
    return e;
}
std::string f(const Event& e, std::string_view name) {
    const Value* v = e.find(name);
    return v ? v->to_string() : "<null>";
}
std::vector<std::string> mv(const Event& e, const char* name) {
    const Value* v = e.find(name);
    return v ? v->mv_values() : std::vector<std::string>{};
}
bool has(const std::vector<std::string>& values, const std::string& x) {
    return std::find(values.begin(), values.end(), x) != values.end();
}

const char* kIamUser = R"("userIdentity":{"type":"IAMUser","principalId":"AIDA1","arn":"arn:aws:iam::111111111111:user/alice","accountId":"111111111111","userName":"alice"})";

std::string event(const std::string& body, const char* source = "iam.amazonaws.com",
                  const char* category = R"(,"eventCategory":"Management")") {
    return std::string("{") + kIamUser + R"(,"eventVersion":"1.08","eventTime":"2024-01-02T03:04:05Z","eventSource":")" +
           source + R"(","awsRegion":"eu-west-1","sourceIPAddress":"203.0.113.7","eventType":"AwsApiCall")" + category +
           "," + body + "}";
}
}  // namespace

TEST_CASE("ConsoleLogin: tag authentication only; action failure from responseElements.ConsoleLogin") {
    Event failed = record(event(R"("eventName":"ConsoleLogin","eventType":"AwsConsoleSignIn","errorMessage":"Failed authentication",
        "responseElements":{"ConsoleLogin":"Failure"},"additionalEventData":{"LoginTo":"https://console.aws.amazon.com/","MFAUsed":"No"})",
                                "signin.amazonaws.com"));
    CHECK(mv(failed, "eventtype") == std::vector<std::string>{"aws_cloudtrail_console_login"});
    CHECK(mv(failed, "tag") == std::vector<std::string>{"authentication"});
    CHECK(f(failed, "action") == "failure");
    CHECK(f(failed, "signature") == "ConsoleLogin");
    CHECK(f(failed, "reason") == "Failed authentication");
    CHECK(f(failed, "user_id") == "AIDA1");
    CHECK(f(failed, "user") == "alice");
    CHECK(f(failed, "src") == "203.0.113.7");
    CHECK(f(failed, "dest") == "https://console.aws.amazon.com/");
    Event ok = record(event(R"("eventName":"ConsoleLogin","responseElements":{"ConsoleLogin":"Success"})", "signin.amazonaws.com"));
    CHECK(f(ok, "action") == "success");
    CHECK(!has(mv(ok, "tag"), "change"));
}

TEST_CASE("AssumeRole*: tags authentication and change [?]; src_user is the caller, user the role") {
    Event e = record(event(R"("eventName":"AssumeRole","requestParameters":{"roleArn":"arn:aws:iam::222222222222:role/Target"})",
                           "sts.amazonaws.com"));
    CHECK(mv(e, "eventtype") == std::vector<std::string>{"aws_cloudtrail_assume_role", "aws_cloudtrail_change"});
    CHECK(mv(e, "tag") == std::vector<std::string>{"authentication", "change"});
    CHECK(f(e, "user") == "Target");
    CHECK(f(e, "src_user") == "alice");
    CHECK(f(e, "src_user_type") == "IAMUser");
    CHECK(f(e, "src_user_id") == "AIDA1");
}

TEST_CASE("CreateUser: tags change and account; object the new user, src_user the caller") {
    Event e = record(event(R"("eventName":"CreateUser","requestParameters":{"userName":"bob"},
        "responseElements":{"user":{"userName":"bob","userId":"AIDABOB","arn":"arn:aws:iam::111111111111:user/bob"}})"));
    CHECK(mv(e, "eventtype") == std::vector<std::string>{"aws_cloudtrail_change", "aws_cloudtrail_iam_account_change"});
    CHECK(mv(e, "tag") == std::vector<std::string>{"account", "change"});
    CHECK(f(e, "action") == "created");
    CHECK(f(e, "user") == "bob");
    CHECK(f(e, "src_user") == "alice");
    CHECK(f(e, "src_user_name") == "alice");
    CHECK(f(e, "object") == "bob");
    CHECK(f(e, "object_id") == "AIDABOB");
    CHECK(f(e, "object_path") == "arn:aws:iam::111111111111:user/bob");
    // a read of IAM is a change record but not account management
    Event read = record(event(R"("eventName":"GetUser","requestParameters":{"userName":"bob"})"));
    CHECK(mv(read, "tag") == std::vector<std::string>{"change"});
    CHECK(!read.has("src_user"));
}

TEST_CASE("RunInstances: tags change and instance; object and object_id the instance ids") {
    Event e = record(event(R"("eventName":"RunInstances","requestParameters":{"instanceType":"t3.micro","instancesSet":{"items":[{"imageId":"ami-1"}]}},
        "responseElements":{"instancesSet":{"items":[{"instanceId":"i-1"},{"instanceId":"i-2"}]}})",
                           "ec2.amazonaws.com"));
    CHECK(mv(e, "eventtype") == std::vector<std::string>{"aws_cloudtrail_change", "aws_cloudtrail_ec2_instance_change"});
    CHECK(mv(e, "tag") == std::vector<std::string>{"change", "instance"});
    CHECK(mv(e, "object") == std::vector<std::string>{"i-1", "i-2"});
    CHECK(mv(e, "object_id") == std::vector<std::string>{"i-1", "i-2"});
    CHECK(f(e, "vendor_region") == "eu-west-1");
}

TEST_CASE("security group changes: tags change and network, object the group id; reads are not network changes") {
    Event auth = record(event(R"("eventName":"AuthorizeSecurityGroupIngress","requestParameters":{"groupId":"sg-1"})", "ec2.amazonaws.com"));
    CHECK(mv(auth, "tag") == std::vector<std::string>{"change", "network"});
    CHECK(f(auth, "object") == "sg-1");
    CHECK(f(auth, "object_category") == "security_group");
    CHECK(f(auth, "action") == "modified");
    Event created = record(event(R"("eventName":"CreateSecurityGroup","requestParameters":{"groupName":"web"},"responseElements":{"groupId":"sg-2"})",
                                 "ec2.amazonaws.com"));
    CHECK(f(created, "object") == "sg-2");
    CHECK(f(created, "object_id") == "sg-2");
    Event vpc = record(event(R"("eventName":"CreateVpc","requestParameters":{"cidrBlock":"10.0.0.0/16"})", "ec2.amazonaws.com"));
    CHECK(has(mv(vpc, "tag"), "network"));
    Event describe = record(event(R"("eventName":"DescribeSecurityGroups")", "ec2.amazonaws.com"));
    CHECK(mv(describe, "tag") == std::vector<std::string>{"change"});
}

TEST_CASE("Data events get no tag; records older than eventCategory do; other sourcetypes get none") {
    Event data = record(event(R"("eventName":"GetObject","requestParameters":{"bucketName":"b"})", "s3.amazonaws.com",
                              R"(,"eventCategory":"Data")"));
    CHECK(!data.has("eventtype"));
    CHECK(!data.has("tag"));
    Event old = record(event(R"("eventName":"PutBucketAcl","requestParameters":{"bucketName":"b"})", "s3.amazonaws.com", ""));
    CHECK(mv(old, "tag") == std::vector<std::string>{"change"});
    CHECK(f(old, "object") == "b");
    Event other = record(event(R"("eventName":"ConsoleLogin","responseElements":{"ConsoleLogin":"Success"})", "signin.amazonaws.com"),
                         "json");
    CHECK(!other.has("eventtype"));
    CHECK(!other.has("tag"));
}
