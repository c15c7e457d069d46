// Windows event facts of ../shared/reference/windows-cim-facts.md sections 1-2 as the data in
// sourcetypes/ (xmlwineventlog.yml, source_*.yml, eventtypes/, lookups/) implements them: one test
// case per fact (docs/windows-facts-coverage.md). Each event is a real attack_data event (file:line
// above it), given as the fields the XmlWinEventLog reader extracts from it — the fields the fact
// reads, with the values of that line.
#include "minispl/sourcetypes/sourcetype.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

using namespace minispl;

namespace {
using Fields = std::vector<std::pair<const char*, const char*>>;

const SourcetypeRegistry& registry() {
    static SourcetypeRegistry reg(std::filesystem::path(MINISPL_SOURCE_DIR) / "sourcetypes");
    return reg;
}
//! The event as a test declares it (sourcetype xmlwineventlog), with every stanza for its source applied.
Event windows(const Fields& fields, const char* source) {
    Event e;
    for (const auto& [k, v] : fields) e.set(k, Value::string(v));
    e.set("source", Value::string(source));
    e.set("host", e.get("Computer"));
    registry().resolve("xmlwineventlog", source, e.get("Computer").to_string())->apply(e);
    return e;
}
Event security(const Fields& f) { return windows(f, "XmlWinEventLog:Security"); }
Event sysmon(const Fields& f) { return windows(f, "XmlWinEventLog:Microsoft-Windows-Sysmon/Operational"); }
Event system_log(const Fields& f) { return windows(f, "XmlWinEventLog:System"); }
Event powershell(const Fields& f) { return windows(f, "XmlWinEventLog:Microsoft-Windows-PowerShell/Operational"); }
std::string f(const Event& e, const char* name) {
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
//! A copy of `fields` with `name` set to `value` (added when absent).
Fields with(Fields fields, const char* name, const char* value) {
    for (auto& kv : fields)
        if (std::string(kv.first) == name) {
            kv.second = value;
            return fields;
        }
    fields.emplace_back(name, value);
    return fields;
}

// attack_techniques/T1078/special_logon_on_mulitple_hosts/windows-security.log:71
const Fields k4688Quoted = {{"EventCode", R"(4688)"}, {"Computer", R"(WORKSTATION5.theshire.local)"}, {"Keywords", R"(0x8020000000000000)"}, {"SystemTime", R"(2020-09-22T08:11:38.000000000Z)"}, {"SubjectUserName", R"(pgustavo)"}, {"SubjectDomainName", R"(THESHIRE)"}, {"SubjectLogonId", R"(0x10a7df)"}, {"NewProcessId", R"(0x12c4)"}, {"NewProcessName", R"(C:\Windows\System32\whoami.exe)"}, {"ProcessId", R"(0x1754)"}, {"CommandLine", R"("C:\windows\system32\whoami.exe" /user)"}, {"TargetUserName", R"(-)"}, {"ParentProcessName", R"(C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe)"}};

// attack_techniques/T1078/special_logon_on_mulitple_hosts/windows-security.log:26
const Fields k4688Relative = {{"EventCode", R"(4688)"}, {"Computer", R"(MORDORDC.theshire.local)"}, {"Keywords", R"(0x8020000000000000)"}, {"SystemTime", R"(2020-08-06T07:20:07.000000000Z)"}, {"SubjectUserName", R"(MORDORDC$)"}, {"SubjectDomainName", R"(THESHIRE)"}, {"SubjectLogonId", R"(0x3e7)"}, {"NewProcessId", R"(0x1918)"}, {"NewProcessName", R"(C:\WindowsAzure\Packages\CollectGuestLogs.exe)"}, {"ProcessId", R"(0xf1c)"}, {"CommandLine", R"("CollectGuestLogs.exe" -Mode:ga -FileName:C:\WindowsAzure\CollectGuestLogsTemp\1a5c55e8-8571-4f78-beea-bbe8642bc1d9.zip)"}, {"TargetUserName", R"(-)"}, {"ParentProcessName", R"(C:\WindowsAzure\Packages\WaAppAgent.exe)"}};

// attack_techniques/T1550/kerberos_tgt_request_using_rc4_encryption/windows-xml.log:32 (no Status, SubStatus)
const Fields k4624 = {{"EventCode", R"(4624)"}, {"Computer", R"(MORDORDC.theshire.local)"}, {"Keywords", R"(0x8020000000000000)"}, {"SubjectUserName", R"(MORDORDC$)"}, {"SubjectLogonId", R"(0x3e7)"}, {"TargetUserName", R"(SYSTEM)"}, {"TargetDomainName", R"(NT AUTHORITY)"}, {"LogonType", R"(5)"}, {"IpAddress", R"(-)"}, {"IpPort", R"(-)"}, {"WorkstationName", R"(-)"}, {"ProcessName", R"(C:\Windows\System32\services.exe)"}, {"ProcessId", R"(0x2b0)"}};

// attack_techniques/T1070.001/suspicious_event_log_service_behavior/windows-xml.log:4 (no WorkstationName, Status, SubStatus)
const Fields k4624Network = {{"EventCode", R"(4624)"}, {"Computer", R"(HFDC01.shire.com)"}, {"Keywords", R"(0x8020000000000000)"}, {"SubjectUserName", R"(-)"}, {"SubjectLogonId", R"(0x0)"}, {"TargetUserName", R"(WECSERVER$)"}, {"TargetDomainName", R"(SHIRE.COM)"}, {"LogonType", R"(3)"}, {"IpAddress", R"(172.18.39.102)"}, {"IpPort", R"(65365)"}, {"ProcessName", R"(-)"}, {"ProcessId", R"(0x0)"}};

// attack_techniques/T1003.006/mimikatz/xml-windows-security.log:95 (no Status, SubStatus)
const Fields k4624Loopback = {{"EventCode", R"(4624)"}, {"Computer", R"(DC01.pandalab.com)"}, {"Keywords", R"(0x8020000000000000)"}, {"SubjectUserName", R"(-)"}, {"SubjectLogonId", R"(0x0)"}, {"TargetUserName", R"(DC01$)"}, {"TargetDomainName", R"(PANDALAB.COM)"}, {"LogonType", R"(3)"}, {"IpAddress", R"(::1)"}, {"IpPort", R"(0)"}, {"WorkstationName", R"(-)"}, {"ProcessName", R"(-)"}, {"ProcessId", R"(0x0)"}};

// attack_techniques/T1110.003/purplesharp_invalid_users_kerberos_xml/windows-security.log:77
const Fields k4625 = {{"EventCode", R"(4625)"}, {"Computer", R"(WORKSTATION5.theshire.local)"}, {"Keywords", R"(0x8010000000000000)"}, {"SubjectUserName", R"(pgustavo)"}, {"SubjectLogonId", R"(0x9cc0b6)"}, {"TargetUserName", R"(lrodriguez)"}, {"TargetDomainName", R"(theshire.local)"}, {"LogonType", R"(2)"}, {"IpAddress", R"(-)"}, {"IpPort", R"(-)"}, {"WorkstationName", R"(WORKSTATION5)"}, {"ProcessName", R"(C:\Users\pgustavo\Downloads\PurpleSharp.exe)"}, {"ProcessId", R"(0x1d60)"}, {"Status", R"(0xc000006d)"}, {"SubStatus", R"(0xc000006a)"}};

// attack_techniques/T1098/account_manipulation/xml-windows-security.log:46
const Fields k4726 = {{"EventCode", R"(4726)"}, {"Computer", R"(WORKSTATION6.theshire.local)"}, {"SubjectUserName", R"(pgustavo)"}, {"SubjectDomainName", R"(THESHIRE)"}, {"TargetUserName", R"(backdoor)"}, {"TargetDomainName", R"(WORKSTATION6)"}, {"TargetSid", R"(S-1-5-21-1969843730-2406867588-1543852148-1000)"}};

// attack_techniques/T1087.002/4662_ad_enum/4662_priv_events.log:23
const Fields k4657 = {{"EventCode", R"(4657)"}, {"Computer", R"(WORKSTATION6.mordor.local)"}, {"ObjectName", R"(\REGISTRY\MACHINE\SOFTWARE\Microsoft\Windows\CurrentVersion\CapabilityAccessManager\ConsentStore\microphone\NonPackaged\C:#Windows#System32#WindowsPowerShell#v1.0#powershell.exe)"}, {"ObjectValueName", R"(LastUsedTimeStop)"}, {"NewValueType", R"(%%1883)"}, {"ProcessName", R"(C:\Windows\System32\svchost.exe)"}, {"SubjectUserName", R"(WORKSTATION6$)"}};

// attack_techniques/T1003.006/mimikatz/xml-windows-security.log:29
const Fields k4663 = {{"EventCode", R"(4663)"}, {"Computer", R"(WORKSTATION6.theshire.local)"}, {"ObjectName", R"(\REGISTRY\MACHINE\SYSTEM\ControlSet001\Control\Lsa)"}, {"ObjectType", R"(Key)"}, {"ProcessName", R"(C:\Windows\System32\svchost.exe)"}, {"SubjectUserName", R"(LOCAL SERVICE)"}};

// attack_techniques/T1547.001/atomic_red_team/windows-sysmon.log:13
const Fields kSysmon1 = {{"EventCode", R"(1)"}, {"Computer", R"(WORKSTATION5.theshire.local)"}, {"Keywords", R"(0x8000000000000000)"}, {"SystemTime", R"(2020-08-05T07:48:29.145000000Z)"}, {"User", R"(THESHIRE\pgustavo)"}, {"Image", R"(C:\Windows\System32\conhost.exe)"}, {"CommandLine", R"(\??\C:\windows\system32\conhost.exe 0xffffffff -ForceV1)"}, {"ProcessId", R"(5000)"}, {"ProcessGuid", R"({8715b604-644d-5f2a-9f05-000000000400})"}, {"ParentImage", R"(C:\Windows\System32\cmd.exe)"}, {"ParentCommandLine", R"("cmd.exe" /c sc.exe \\MORDORDC.theshire.local query IKEEXT)"}, {"ParentProcessId", R"(6960)"}, {"ParentProcessGuid", R"({8715b604-644d-5f2a-9e05-000000000400})"}, {"IntegrityLevel", R"(Medium)"}, {"CurrentDirectory", R"(C:\windows)"}, {"Hashes", R"(SHA1=11996F32DD85863A8C3BFF6D520F788A9211C8F7,MD5=C5E9B1D1103EDCEA2E408E9497A5A88F,SHA256=BAF97B2A629723947539CFF84E896CD29565AB4BB68B0CEC515EB5C5D6637B69,IMPHASH=F8DD0EF565DE87D97ABF9C62EA63EC21)"}, {"OriginalFileName", R"(CONHOST.EXE)"}, {"UtcTime", R"(2020-08-05 07:48:29.145)"}};

// attack_techniques/T1003.001/atomic_red_team/windows-sysmon.log:2
const Fields kSysmon10 = {{"EventCode", R"(10)"}, {"Computer", R"(IT001.shire.com)"}, {"SourceImage", R"(C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe)"}, {"SourceProcessId", R"(7644)"}, {"SourceProcessGUID", R"({aa6b4a20-2065-5c91-0000-0010e9db1905})"}, {"TargetImage", R"(C:\Windows\system32\lsass.exe)"}, {"TargetProcessId", R"(604)"}, {"TargetProcessGUID", R"({aa6b4a20-120d-5c87-0000-0010958b0000})"}, {"GrantedAccess", R"(0x1010)"}};

// attack_techniques/T1003.001/atomic_red_team/windows-sysmon.log:1 (no User)
const Fields kSysmon12 = {{"EventCode", R"(12)"}, {"Computer", R"(IT001.shire.com)"}, {"Keywords", R"(0x8000000000000000)"}, {"EventType", R"(CreateKey)"}, {"TargetObject", R"(HKU\S-1-5-21-2511471446-1103646877-3980648787-1107\Software\Microsoft\Windows\CurrentVersion\Internet Settings\Connections)"}, {"Image", R"(C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe)"}, {"ProcessId", R"(4312)"}, {"ProcessGuid", R"({aa6b4a20-1a98-5c91-0000-00105b0f0205})"}};

// attack_techniques/T1003.003/atomic_red_team/windows-sysmon.log:45 (no EventType, User)
const Fields kSysmon13 = {{"EventCode", R"(13)"}, {"Computer", R"(WORKSTATION5.theshire.local)"}, {"Keywords", R"(0x8000000000000000)"}, {"TargetObject", R"(HKLM\System\CurrentControlSet\Services\terminpt\Enum\Count)"}, {"Details", R"(DWORD (0x00000001))"}, {"Image", R"(System)"}};

// honeypots/casper/datasets1/windows-sysmon.log:8
const Fields kSysmon3 = {{"EventCode", R"(3)"}, {"Computer", R"(MORDORDC.theshire.local)"}, {"Image", R"(C:\Windows\System32\lsass.exe)"}, {"User", R"(NT AUTHORITY\SYSTEM)"}, {"Protocol", R"(tcp)"}, {"Initiated", R"(false)"}, {"SourceIsIpv6", R"(true)"}, {"SourceIp", R"(0:0:0:0:0:0:0:1)"}, {"SourceHostname", R"(-)"}, {"SourcePort", R"(64470)"}, {"DestinationIp", R"(0:0:0:0:0:0:0:1)"}, {"DestinationHostname", R"(-)"}, {"DestinationPort", R"(389)"}, {"UtcTime", R"(2020-08-06 05:20:57.765)"}};

// honeypots/casper/datasets1/windows-sysmon.log:7
const Fields kSysmon7 = {{"EventCode", R"(7)"}, {"Computer", R"(WORKSTATION5.theshire.local)"}, {"Image", R"(C:\Windows\System32\cmd.exe)"}, {"ImageLoaded", R"(C:\Windows\System32\cmd.exe)"}, {"ProcessId", R"(6960)"}, {"ProcessGuid", R"({8715b604-644d-5f2a-9e05-000000000400})"}, {"Signed", R"(true)"}, {"SignatureStatus", R"(Valid)"}, {"OriginalFileName", R"(Cmd.Exe)"}, {"Hashes", R"(SHA1=8DCA9749CD48D286950E7A9FA1088C937CBCCAD4,MD5=D7AB69FAD18D4A643D84A271DFC0DBDF,SHA256=FF79D3C4A0B7EB191783C323AB8363EBD1FD10BE58D8BCC96B07067743CA81D5,IMPHASH=272245E2988E1E430500B852C4FB5E18)"}};

// attack_techniques/T1048.003/long_dns_queries/windows-sysmon.log:14 (no User)
const Fields kSysmon22 = {{"EventCode", R"(22)"}, {"Computer", R"(WORKSTATION5.theshire.local)"}, {"Image", R"(C:\Windows\System32\svchost.exe)"}, {"QueryName", R"(v10.events.data.microsoft.com)"}, {"QueryStatus", R"(0)"}, {"QueryResults", R"(type:  5 global.asimov.events.data.trafficmanager.net;type:  5 skypedataprdcolneu01.cloudapp.net;::ffff:52.114.76.37;)"}};

// attack_techniques/T1548.002/atomic_red_team/windows-sysmon.log:2
const Fields kSysmon11 = {{"EventCode", R"(11)"}, {"Computer", R"(IT001.shire.com)"}, {"Image", R"(C:\Windows\system32\svchost.exe)"}, {"TargetFilename", R"(C:\Windows\Prefetch\CMD.EXE-4A81B364.pf)"}, {"UtcTime", R"(2019-03-19 17:15:39.821)"}, {"CreationUtcTime", R"(2019-01-14 16:27:50.253)"}};

// attack_techniques/T1047/atomic_red_team/4104-cimmethod-windows-powershell.log:14 (no ScriptBlockText, ScriptBlockId)
const Fields k4104 = {{"EventCode", R"(4104)"}, {"Computer", R"(MORDORDC.mordor.local)"}, {"SystemTime", R"(2020-07-22T04:02:32.000000000Z)"}, {"UserID", R"(S-1-5-18)"}, {"Opcode", R"(15)"}};

// attack_techniques/T1490/known_services_killed_by_ransomware/windows-xml.log:80 (no UserID)
const Fields k7045 = {{"EventCode", R"(7045)"}, {"Computer", R"(PRD01.pandalab.com)"}, {"ServiceName", R"(qfhaer)"}, {"ImagePath", R"(rundll32.exe C:\Users\PEDRO~1.GUS\AppData\Local\Temp\qfhaer.dll,a /p:qfhaer)"}, {"ServiceType", R"(user mode service)"}, {"StartType", R"(demand start)"}, {"AccountName", R"(LocalSystem)"}};

// attack_techniques/T1490/known_services_killed_by_ransomware/windows-xml.log:3
const Fields k7036 = {{"EventCode", R"(7036)"}, {"Computer", R"(FILE001.shire.com)"}, {"param1", R"(Network Setup Service)"}, {"param2", R"(stopped)"}};

// attack_techniques/T1490/known_services_killed_by_ransomware/windows-xml.log:15
const Fields k7040 = {{"EventCode", R"(7040)"}, {"Computer", R"(WORKSTATION5.theshire.local)"}, {"param1", R"(Microsoft NDIS Capture)"}, {"param2", R"(system start)"}, {"param3", R"(demand start)"}, {"param4", R"(NdisCap)"}};

}  // namespace

// ---------------------------------------------------------------- 1.1, 1.2 step 5, 1.3 (generic)

TEST_CASE("1.1: sourcetype XmlWinEventLog:<channel> is renamed XmlWinEventLog; names any case") {
    CHECK(registry().renamed("XmlWinEventLog:Security") == "XmlWinEventLog");
    CHECK(registry().renamed("XmlWinEventLog:Microsoft-Windows-Sysmon/Operational") == "XmlWinEventLog");
    CHECK(registry().knows("xmlwineventlog"));
    CHECK(registry().get("xmlwineventlog").name() == "XmlWinEventLog");
}

TEST_CASE("1.1: _time from TimeCreated/@SystemTime, UTC, sub-seconds kept") {
    CHECK(sysmon(kSysmon1).time() == doctest::Approx(1596613709.145));  // 2020-08-05T07:48:29.145Z
    CHECK(security(k4688Quoted).time() == doctest::Approx(1600762298.0));
}

TEST_CASE("1.2 step 5: SubStatus -> Sub_Status") {
    CHECK(f(security(k4625), "Sub_Status") == "0xc000006a");
}

TEST_CASE("1.3: generic aliases") {
    Event e = powershell(k4104);
    CHECK(f(e, "dvc") == "MORDORDC.mordor.local");
    CHECK(f(e, "dvc_nt_host") == "MORDORDC.mordor.local");
    CHECK(f(e, "user_id") == "S-1-5-18");
    Event s = system_log(k7045);
    CHECK(f(s, "service") == "qfhaer");
    CHECK(f(s, "service_name") == "qfhaer");
    Event r = security(with(k4688Quoted, "RecordNumber", "820017"));
    CHECK(f(r, "event_id") == "820017");
    CHECK(f(r, "id") == "820017");
}

TEST_CASE("1.3: signature_id = EventCode; signature/name/subject by lookup; none for 4104 and 7045") {
    Event e = security(k4688Quoted);
    CHECK(f(e, "signature_id") == "4688");
    CHECK(f(e, "signature") == "A new process has been created");
    CHECK(f(e, "name") == "A new process has been created");
    CHECK(f(e, "subject") == "A new process has been created");
    CHECK(f(security(k4726), "CategoryString") == "User Account Management");
    Event p = powershell(k4104);
    CHECK(f(p, "signature_id") == "4104");
    CHECK(f(p, "signature") == "<null>");
    CHECK(f(system_log(k7045), "signature") == "<null>");
}

TEST_CASE("1.3: vendor_product Microsoft Windows; the Sysmon source stanza overrides it (precedence)") {
    CHECK(f(powershell(k4104), "vendor_product") == "Microsoft Windows");
    CHECK(f(sysmon(kSysmon1), "vendor_product") == "Microsoft Sysmon");
}

TEST_CASE("1.3: process_name is the full ProcessName outside Security and Sysmon") {
    Event e = windows({{"EventCode", "1"}, {"Computer", "h"}, {"ProcessName", R"(C:\x\y.exe)"}},
                      "XmlWinEventLog:Application");
    CHECK(f(e, "process_name") == R"(C:\x\y.exe)");
}

// ---------------------------------------------------------------- 1.4 (Security)

TEST_CASE("1.4: 4688 process fields, first token with a backslash: the command line as is") {
    Event e = security(k4688Quoted);
    CHECK(f(e, "process") == R"("C:\windows\system32\whoami.exe" /user)");
    CHECK(f(e, "process_name") == "whoami.exe");
    CHECK(f(e, "process_exec") == "whoami.exe");
    CHECK(f(e, "new_process_name") == "whoami.exe");
    CHECK(f(e, "process_path") == R"(C:\Windows\System32\whoami.exe)");
    CHECK(f(e, "new_process") == R"(C:\Windows\System32\whoami.exe)");
    CHECK(f(e, "process_id") == "0x12c4");
    CHECK(f(e, "new_process_id") == "0x12c4");
    CHECK(f(e, "parent_process_id") == "0x1754");
    CHECK(f(e, "parent_process") == R"(C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe)");
    CHECK(f(e, "parent_process_path") == R"(C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe)");
    CHECK(f(e, "parent_process_name") == "powershell.exe");
    CHECK(f(e, "Process_Command_Line") == R"("C:\windows\system32\whoami.exe" /user)");
    CHECK(f(e, "process_command_line_process") == R"("C:\windows\system32\whoami.exe")");
    CHECK(f(e, "process_command_line_arguments") == "/user");
}

TEST_CASE("1.4: 4688 whose first token has no backslash: NewProcessName then the arguments") {
    Event e = security(k4688Relative);
    CHECK(f(e, "process") ==
          R"(C:\WindowsAzure\Packages\CollectGuestLogs.exe -Mode:ga -FileName:C:\WindowsAzure\CollectGuestLogsTemp\1a5c55e8-8571-4f78-beea-bbe8642bc1d9.zip)");
    Event spaced = security(with(k4688Relative, "NewProcessName", R"(C:\Program Files\A\CollectGuestLogs.exe)"));
    CHECK(f(spaced, "process").rfind(R"("C:\Program Files\A\CollectGuestLogs.exe" -Mode:ga )", 0) == 0);
    Fields no_cmd;
    for (const auto& kv : k4688Relative)
        if (std::string(kv.first) != "CommandLine") no_cmd.push_back(kv);
    CHECK(f(security(no_cmd), "process") == R"(C:\WindowsAzure\Packages\CollectGuestLogs.exe)");
    CHECK(f(security(no_cmd), "process_command_line_arguments") == "<null>");
}

TEST_CASE("1.4: 4688 action allowed only with Keywords 0x8020000000000000") {
    CHECK(f(security(k4688Quoted), "action") == "allowed");
    CHECK(f(security(with(k4688Quoted, "Keywords", "0x8010000000000000")), "action") != "allowed");
}

TEST_CASE("1.4: user: TargetUserName unless '-', then the subject; src_user the subject") {
    Event e = security(k4688Quoted);  // TargetUserName '-'
    CHECK(f(e, "user") == "pgustavo");
    CHECK(f(e, "src_user") == "pgustavo");
    CHECK(f(e, "Caller_User_Name") == "pgustavo");
    CHECK(f(security(k4624), "user") == "SYSTEM");
}

TEST_CASE("1.4: account changes: user, user_name, object = TargetUserName; object_id = TargetSid") {
    Event e = security(k4726);
    CHECK(f(e, "user") == "backdoor");
    CHECK(f(e, "user_name") == "backdoor");
    CHECK(f(e, "object") == "backdoor");
    CHECK(f(e, "object_id") == "S-1-5-21-1969843730-2406867588-1543852148-1000");
    CHECK(f(e, "src_user") == "pgustavo");
    Event renamed = security({{"EventCode", "4781"}, {"Computer", "h"}, {"OldTargetUserName", "a"},
                              {"NewTargetUserName", "b"}, {"TargetSid", "S-1"}, {"SubjectUserName", "adm"}});
    CHECK(f(renamed, "user") == "b");
    CHECK(f(renamed, "object") == "b");
}

TEST_CASE("1.4: dest from Computer, TargetServerName first") {
    CHECK(f(security(k4688Quoted), "dest") == "WORKSTATION5.theshire.local");
    CHECK(f(security(with(k4688Quoted, "TargetServerName", "srv01")), "dest") == "srv01");
}

TEST_CASE("1.4: src_ip from IpAddress, loopback excluded; src and src_nt_host") {
    Event net = security(k4624Network);
    CHECK(f(net, "src_ip") == "172.18.39.102");
    CHECK(f(net, "src") == "172.18.39.102");
    CHECK(f(security(k4624Loopback), "src_ip") == "<null>");
    Event wk = security(k4625);  // IpAddress '-', WorkstationName WORKSTATION5
    CHECK(f(wk, "src_ip") == "<null>");
    CHECK(f(wk, "src") == "WORKSTATION5");
    CHECK(f(wk, "src_nt_host") == "WORKSTATION5");
}

TEST_CASE("1.4: action/status by (EventCode, Error_Code); Error_Code = Status else '-'") {
    Event ok = security(k4624);
    CHECK(f(ok, "Error_Code") == "-");
    CHECK(f(ok, "action") == "success");
    CHECK(f(ok, "status") == "success");
    Event bad = security(k4625);
    CHECK(f(bad, "Error_Code") == "0xc000006d");
    CHECK(f(bad, "action") == "failure");
    CHECK(f(bad, "status") == "failure");
    CHECK(f(bad, "ta_windows_action") == "failure");
    CHECK(f(security(with(k4625, "Status", "0xc0000064")), "action") == "unknown");
    CHECK(f(security(with(k4625, "Status", "0xC000006F")), "action") == "denied");  // case-insensitive
    CHECK(f(security(with(k4625, "Status", "0xc000005e")), "action") == "error");
    CHECK(f(security(k4726), "action") == "deleted");
}

TEST_CASE("1.4: app win:remote for network logons, else win:local") {
    CHECK(f(security(k4624Network), "app") == "win:remote");
    CHECK(f(security(k4624), "app") == "win:local");
}

TEST_CASE("1.4: session_id, vendor, product") {
    Event e = security(k4688Quoted);
    CHECK(f(e, "session_id") == "0x10a7df");
    CHECK(f(e, "vendor") == "Microsoft");
    CHECK(f(e, "product") == "Windows");
}

TEST_CASE("1.4: 4657 registry fields") {
    Event e = security(k4657);
    CHECK(f(e, "registry_value_name") == "LastUsedTimeStop");
    CHECK(f(e, "registry_path").find(R"(\NonPackaged\C:#Windows#System32#WindowsPowerShell#v1.0#powershell.exe\LastUsedTimeStop)") !=
          std::string::npos);
    CHECK(f(e, "registry_value_type") == "%%1883");
}

TEST_CASE("1.4: file fields and object_file_* from ObjectName") {
    Event e = security(k4663);
    CHECK(f(e, "file_path") == R"(\REGISTRY\MACHINE\SYSTEM\ControlSet001\Control\Lsa)");
    CHECK(f(e, "file_name") == "Lsa");
    CHECK(f(e, "object_file_path") == R"(\REGISTRY\MACHINE\SYSTEM\ControlSet001\Control\Lsa)");
    CHECK(f(e, "object_file_name") == "Lsa");
    CHECK(f(e, "process_name") == "svchost.exe");
}

// ---------------------------------------------------------------- 1.5 (Windows eventtypes)

TEST_CASE("1.5: 4688 is wineventlog_security and windows_endpoint_processes: process report") {
    Event e = security(k4688Quoted);
    CHECK(has(mv(e, "eventtype"), "wineventlog_security"));
    CHECK(has(mv(e, "eventtype"), "windows_endpoint_processes"));
    CHECK(has(mv(e, "tag"), "process"));
    CHECK(has(mv(e, "tag"), "report"));
    CHECK(has(mv(e, "tag"), "windows"));
}

TEST_CASE("1.5: logon success and failure eventtypes; an error status is not a failure") {
    CHECK(has(mv(security(k4624), "eventtype"), "windows_logon_success"));
    CHECK(has(mv(security(k4625), "eventtype"), "windows_logon_failure"));
    CHECK(has(mv(security(k4625), "tag"), "authentication"));
    CHECK(!has(mv(security(with(k4625, "Status", "0xc000005e")), "eventtype"), "windows_logon_failure"));
}

TEST_CASE("1.5: account deleted; account changes are left out of wineventlog_windows") {
    Event e = security(k4726);
    CHECK(has(mv(e, "eventtype"), "windows_account_deleted"));
    CHECK(has(mv(e, "tag"), "account"));
    CHECK(has(mv(e, "tag"), "change"));
    CHECK(!has(mv(e, "eventtype"), "wineventlog_windows"));
    CHECK(has(mv(security(k4624), "eventtype"), "wineventlog_windows"));  // the TA 8.4.0 quirk
}

TEST_CASE("1.5: System services eventtype; PowerShell has no data-model eventtype") {
    Event s = system_log(k7045);
    CHECK(has(mv(s, "eventtype"), "windows_endpoint_services"));
    CHECK(has(mv(s, "eventtype"), "wineventlog_system"));
    CHECK(has(mv(s, "tag"), "service"));
    CHECK(mv(powershell(k4104), "eventtype").empty());
}

// ---------------------------------------------------------------- System, PowerShell

TEST_CASE("System: 7045 start_mode, 7036 service from param1 and status, 7040 new start type") {
    Event s = system_log(k7045);
    CHECK(f(s, "start_mode") == "demand start");
    CHECK(f(s, "dest") == "PRD01.pandalab.com");
    CHECK(f(s, "Error_Code") == "-");
    Event r = system_log(k7036);
    CHECK(f(r, "service_name") == "Network Setup Service");
    CHECK(f(r, "ServiceName") == "Network Setup Service");
    CHECK(f(r, "status") == "stopped");
    CHECK(f(system_log(k7040), "start_mode") == "demand start");
}

TEST_CASE("1.5: PowerShell 4104 gets no dest, user or Error_Code") {
    Event p = powershell(k4104);
    CHECK(f(p, "dest") == "<null>");
    CHECK(f(p, "user") == "<null>");
    CHECK(f(p, "Error_Code") == "<null>");
}

// ---------------------------------------------------------------- 2.1-2.3 (Sysmon)

TEST_CASE("2.1: Sysmon EventDescription and signature by EventCode; TA names kept") {
    Event e = sysmon(kSysmon1);
    CHECK(f(e, "EventDescription") == "Process Create");
    CHECK(f(e, "signature") == "Process Create");
    CHECK(f(e, "signature_id") == "1");
    CHECK(f(e, "name") == "<null>");  // the generic signature lookup is replaced
    CHECK(f(e, "TimeCreated") == "2020-08-05T07:48:29.145000000Z");
    CHECK(f(sysmon(kSysmon22), "signature") == "Dns query");
}

TEST_CASE("2.1: hashes from Hashes") {
    Event e = sysmon(kSysmon7);
    CHECK(f(e, "MD5").size() == 32);
    CHECK(f(e, "SHA256").size() == 64);
    CHECK(f(e, "IMPHASH").size() == 32);
}

TEST_CASE("2.3: EC 1 process fields") {
    Event e = sysmon(kSysmon1);
    CHECK(f(e, "process") == R"(\??\C:\windows\system32\conhost.exe 0xffffffff -ForceV1)");
    CHECK(f(e, "process_path") == R"(C:\Windows\System32\conhost.exe)");
    CHECK(f(e, "process_name") == "conhost.exe");
    CHECK(f(e, "process_exec") == "conhost.exe");
    CHECK(f(e, "process_id") == "5000");
    CHECK(f(e, "parent_process_name") == "cmd.exe");
    CHECK(f(e, "parent_process_path") == R"(C:\Windows\System32\cmd.exe)");
    CHECK(f(e, "parent_process_id") == "6960");
    CHECK(f(e, "process_integrity_level") == "Medium");
    CHECK(f(e, "original_file_name") == "CONHOST.EXE");
    CHECK(f(e, "action") == "allowed");
    CHECK(f(e, "dest") == "WORKSTATION5.theshire.local");
    CHECK(f(e, "user") == "pgustavo");  // DOMAIN\ removed
}

TEST_CASE("2.3: EC 10: the target is the process, the source its parent") {
    Event e = sysmon(kSysmon10);
    CHECK(f(e, "process_name") == "lsass.exe");
    CHECK(f(e, "process_id") == "604");
    CHECK(f(e, "parent_process_name") == "powershell.exe");
    CHECK(f(e, "parent_process_id") == "7644");
    CHECK(f(e, "granted_access") == "0x1010");
}

TEST_CASE("2.3: EC 7 image load fields") {
    Event e = sysmon(kSysmon7);
    CHECK(f(e, "loaded_file") == "cmd.exe");
    CHECK(f(e, "loaded_file_path") == R"(C:\Windows\System32\cmd.exe)");
    CHECK(f(e, "process_name") == "cmd.exe");
    CHECK(f(e, "service_dll_signature_exists") == "true");
    CHECK(f(e, "service_dll_signature_verified") == "Valid");
    CHECK(f(e, "action") == "success");
}

TEST_CASE("2.3: EC 3 network fields") {
    Event e = sysmon(kSysmon3);
    CHECK(f(e, "src_ip") == "0:0:0:0:0:0:0:1");
    CHECK(f(e, "src") == "0:0:0:0:0:0:0:1");  // SourceHostname '-'
    CHECK(f(e, "src_port") == "64470");
    CHECK(f(e, "dest_port") == "389");
    CHECK(f(e, "direction") == "inbound");
    CHECK(f(e, "transport") == "tcp");
    CHECK(f(e, "protocol") == "ip");
    CHECK(f(e, "app") == R"(C:\Windows\System32\lsass.exe)");
    CHECK(f(e, "dest") == "MORDORDC.theshire.local");
    CHECK(f(e, "user") == "SYSTEM");
}

TEST_CASE("2.3: EC 11 file fields; created only when UtcTime equals CreationUtcTime") {
    Event e = sysmon(kSysmon11);
    CHECK(f(e, "file_path") == R"(C:\Windows\Prefetch\CMD.EXE-4A81B364.pf)");
    CHECK(f(e, "file_name") == "CMD.EXE-4A81B364.pf");
    CHECK(f(e, "file_create_time") == "2019-01-14 16:27:50.253");
    CHECK(f(e, "object_category") == "file");
    CHECK(f(e, "action") == "modified");
    CHECK(f(sysmon(with(kSysmon11, "UtcTime", "2019-01-14 16:27:50.253")), "action") == "created");
}

TEST_CASE("2.3: EC 12 registry fields: key name, hive, action by EventType, status") {
    Event e = sysmon(kSysmon12);
    CHECK(f(e, "registry_path").rfind(R"(HKU\S-1-5-21-)", 0) == 0);
    CHECK(f(e, "registry_key_name") == "Connections");
    CHECK(f(e, "registry_hive") == "HKEY_CURRENT_USER");
    CHECK(f(e, "action") == "created");
    CHECK(f(e, "status") == "success");
    CHECK(f(e, "object_category") == "registry");
    CHECK(f(sysmon(with(kSysmon12, "EventType", "DeleteKey")), "action") == "deleted");
}

TEST_CASE("2.3: EC 13: parent key, value name, DWORD payload and type") {
    Event e = sysmon(kSysmon13);
    CHECK(f(e, "registry_key_name") == "Enum");
    CHECK(f(e, "registry_value_name") == "Count");
    CHECK(f(e, "registry_value_data") == "0x00000001");
    CHECK(f(e, "RegistryValueData") == "0x00000001");
    CHECK(f(e, "registry_value_type") == "DWORD");
    CHECK(f(e, "registry_hive") == R"(HKEY_LOCAL_MACHINE\System)");
    CHECK(f(e, "action") == "modified");
    CHECK(f(sysmon(with(kSysmon13, "Details", "a (b)")), "registry_value_data") == "a (b)");
}

TEST_CASE("2.3: EC 22 DNS: query, answers without their type prefix, no dest") {
    Event e = sysmon(kSysmon22);
    CHECK(f(e, "query") == "v10.events.data.microsoft.com");
    CHECK(f(e, "reply_code_id") == "0");
    CHECK(mv(e, "answer") == std::vector<std::string>{"global.asimov.events.data.trafficmanager.net",
                                                      "skypedataprdcolneu01.cloudapp.net", "::ffff:52.114.76.37"});
    CHECK(f(e, "dest") == "<null>");
    CHECK(f(e, "process_name") == "svchost.exe");
    CHECK(f(sysmon(with(kSysmon22, "QueryResults", "-")), "answer") == "<null>");
}

TEST_CASE("2.2: Sysmon eventtypes and tags") {
    CHECK(has(mv(sysmon(kSysmon1), "eventtype"), "ms-sysmon-process"));
    CHECK(has(mv(sysmon(kSysmon7), "eventtype"), "ms-sysmon-process"));  // 4.x adds image loads
    CHECK(has(mv(sysmon(kSysmon3), "tag"), "communicate"));
    CHECK(has(mv(sysmon(kSysmon22), "tag"), "dns"));
    CHECK(has(mv(sysmon(kSysmon11), "eventtype"), "ms-sysmon-filemod"));
    Event r = sysmon(kSysmon13);
    CHECK(has(mv(r, "eventtype"), "ms-sysmon-regmod"));
    CHECK(has(mv(r, "tag"), "registry"));
    CHECK(!has(mv(r, "eventtype"), "wineventlog_security"));
}
