// Pipelines and the commands other than the stats family: parse-tree nodes into ast::Command.
#include "tree.hpp"

#include <cstdlib>

namespace minispl::parse {
namespace {

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::optional<int64_t> to_int(std::string_view s) {
    return static_cast<int64_t>(std::strtoll(std::string(s).c_str(), nullptr, 10));
}

}  // namespace

ast::Option Builder::option(const Node& n) const {
    ast::Option o;
    o.span = span(n);
    if (n.is_type<g::span_option>()) {  // span=5m where a plain option is expected
        o.key = "span";
        o.value = n.children.at(0)->string();
        o.value_span = span(*n.children[0]);
        return o;
    }
    o.key = n.children.at(0)->string();
    if (n.children.size() > 1) {
        const Node& v = *n.children[1];
        o.value_span = span(v);
        // Quoted only when the whole value is one string: `startswith=eval(x=="1")` holds a
        // string inside, and its value is the whole text.
        const Node* q = child<g::dq_string>(v);
        if (q && span(*q).begin == o.value_span.begin && span(*q).end == o.value_span.end) {
            o.value = unquote(q->string_view());
            o.quoted = true;
        } else {
            o.value = v.string();
        }
    } else {
        o.value_span = {o.span.end, o.span.end};
    }
    return o;
}

ast::FieldName Builder::field(const Node& n) const {
    if (const Node* f = child<g::field_item>(n)) return field(*f);
    ast::FieldName f;
    f.span = span(n);
    if (const Node* q = child<g::dq_string>(n)) {
        f.name = unquote(q->string_view());
        if (const Node* s = child<g::field_suffix>(n)) f.name += s->string_view();
    } else if (const Node* w = child<g::field_word>(n)) {
        f.name = w->string();
    } else {
        f.name = n.string();
    }
    return f;
}

ast::PipelinePtr Builder::pipeline(const Node& n) const {
    auto p = std::make_unique<ast::Pipeline>();
    p->span = span(n);
    for (auto& c : n.children) {
        if (c->is_type<g::leading_pipe>()) {
            p->leading_pipe = true;
        } else if (c->is_type<g::implicit_search>()) {
            ast::Command cmd;
            cmd.name = "search";
            cmd.span = span(*c);
            cmd.name_span = {cmd.span.begin, cmd.span.begin};
            cmd.body = ast::SearchCmd{c->children.empty() ? nullptr : search_expr(*c->children[0])};
            p->commands.push_back(std::move(cmd));
        } else {
            p->commands.push_back(command(*c));
        }
    }
    if (p->commands.empty() || (p->leading_pipe && p->commands.empty())) {
        ast::Command cmd;  // empty text: a search that matches everything
        cmd.name = "search";
        cmd.span = cmd.name_span = {p->span.begin, p->span.begin};
        cmd.body = ast::SearchCmd{};
        p->commands.push_back(std::move(cmd));
    }
    return p;
}

ast::Command Builder::command(const Node& wrapped) const {
    const Node& n = wrapped.is_type<g::stage_missing>() ? *wrapped.children.at(0) : wrapped;
    const Node& name = *n.children.at(0);
    ast::Command cmd;
    cmd.name = lower(name.string_view());
    cmd.name_span = span(name);
    cmd.span = span(n);
    while (cmd.span.end > cmd.span.begin && is_ws(base[cmd.span.end - 1])) --cmd.span.end;
    const auto rest = [&](auto&& f) {
        for (size_t i = 1; i < n.children.size(); ++i)
            if (!n.children[i]->is_type<g::comma>()) f(*n.children[i]);
    };

    if (n.is_type<g::search_cmd>()) {
        cmd.body = ast::SearchCmd{n.children.size() > 1 ? search_expr(*n.children[1]) : nullptr};
    } else if (n.is_type<g::where_cmd>()) {
        cmd.body = ast::WhereCmd{expr(*n.children.at(1))};
    } else if (n.is_type<g::eval_cmd>()) {
        ast::EvalCmd e;
        rest([&](const Node& a) {
            const Node& t = *a.children.at(0);
            ast::EvalCmd::Assignment as;
            as.span = span(a);
            if (const Node* q = child<g::sq_field>(t)) {
                const auto sv = q->string_view();
                as.field = std::string(sv.substr(1, sv.size() - 2));
            } else if (const Node* d = child<g::dq_string>(t)) {
                as.field = unquote(d->string_view());
            } else {
                as.field = t.string();
            }
            as.expr = expr(*a.children.at(1));
            e.assignments.push_back(std::move(as));
        });
        cmd.body = std::move(e);
    } else if (n.is_type<g::stats_cmd>()) {
        cmd.body = stats(n);
    } else if (n.is_type<g::rename_cmd>()) {
        ast::RenameCmd r;
        rest([&](const Node& p) { r.pairs.push_back({field(*p.children.at(0)), field(*p.children.at(1))}); });
        cmd.body = std::move(r);
    } else if (n.is_type<g::convert_cmd>()) {
        ast::ConvertCmd c;
        rest([&](const Node& a) {
            if (a.is_type<g::option>()) return c.options.push_back(option(a));
            ast::ConvertCmd::Conversion conv;
            conv.span = span(a);
            conv.function = lower(a.children.at(0)->string_view());
            conv.field = field(*a.children.at(1));
            if (a.children.size() > 2) conv.alias = field(*a.children[2]).name;
            c.conversions.push_back(std::move(conv));
        });
        cmd.body = std::move(c);
    } else if (n.is_type<g::fields_cmd>()) {
        ast::FieldsCmd f;
        rest([&](const Node& a) {
            if (a.is_type<g::fields_sign>()) f.remove = a.string_view() == "-";
            else if (a.is_type<g::count_arg>()) f.count = to_int(a.string_view());
            else if (a.is_type<g::option>() || a.is_type<g::span_option>()) f.options.push_back(option(a));
            else if (a.is_type<g::sortby_clause>()) {
                for (auto& k : a.children) {
                    ast::FieldName fn = field(*k);
                    const char s = k->string_view()[0];
                    if (s == '-' || s == '+') fn.name = s + fn.name;
                    fn.span = span(*k);
                    f.sortby.push_back(std::move(fn));
                }
            } else f.fields.push_back(field(a));
        });
        cmd.body = std::move(f);
    } else if (n.is_type<g::sort_cmd>()) {
        ast::SortCmd s;
        rest([&](const Node& a) {
            if (a.is_type<g::count_arg>()) s.limit = to_int(a.string_view());
            else if (a.is_type<g::sort_desc>()) s.reverse = true;
            else if (a.is_type<g::option>()) {
                ast::Option o = option(a);
                if (lower(o.key) == "limit") s.limit = to_int(o.value);
            } else {
                ast::SortCmd::Key k;
                k.span = span(a);
                for (auto& part : a.children) {
                    if (part->is_type<g::sort_sign>()) k.descending = part->string_view() == "-";
                    else if (part->is_type<g::sort_fn>()) {
                        const auto sv = part->string_view();
                        k.as = lower(sv.substr(0, sv.find('(')));
                        k.field = field(*part->children.at(0)).name;
                    } else k.field = field(*part).name;
                }
                s.keys.push_back(std::move(k));
            }
        });
        cmd.body = std::move(s);
    } else if (n.is_type<g::head_cmd>()) {
        ast::HeadCmd h;
        rest([&](const Node& a) {
            if (a.is_type<g::count_arg>()) h.count = to_int(a.string_view());
            else if (a.is_type<g::option>()) {
                ast::Option o = option(a);
                if (lower(o.key) == "limit") h.count = to_int(o.value);
                h.options.push_back(std::move(o));
            } else h.expr = expr(a);
        });
        cmd.body = std::move(h);
    } else if (n.is_type<g::lookup_cmd>()) {
        ast::LookupCmd l;
        const auto mapping = [&](const Node& m) {
            ast::LookupCmd::Mapping mp;
            mp.field = field(*m.children.at(0));
            mp.as = m.children.size() > 1 ? field(*m.children[1]) : mp.field;
            return mp;
        };
        rest([&](const Node& a) {
            if (a.is_type<g::option>()) l.options.push_back(option(a));
            else if (a.is_type<g::lookup_table_missing>()) {
                l.table = field(a).name;
                l.table_span = span(a);
            } else if (a.is_type<g::lookup_mapping>()) l.inputs.push_back(mapping(a));
            else if (a.is_type<g::lookup_output>()) {
                for (auto& m : a.children) {
                    if (m->is_type<g::kw_output>()) {
                        const std::string kwd = lower(m->string_view());
                        l.output_mode = kwd == "outputnew" ? "OUTPUTNEW" : "OUTPUT";
                    } else if (m->is_type<g::lookup_mapping>()) l.outputs.push_back(mapping(*m));
                }
            }
        });
        cmd.body = std::move(l);
    } else if (n.is_type<g::lookuptable_cmd>()) {
        ast::LookupTableCmd l;
        rest([&](const Node& a) {
            if (a.is_type<g::option>()) l.options.push_back(option(a));
            else if (a.is_type<g::lookup_table_missing>()) {
                l.table = field(a).name;
                l.table_span = span(a);
            } else if (a.is_type<g::table_where>() && !a.children.empty()) l.where = search_expr(*a.children[0]);
        });
        cmd.body = std::move(l);
    } else if (n.is_type<g::rex_cmd>()) {
        ast::RexCmd r;
        rest([&](const Node& a) {
            if (a.is_type<g::option>()) r.options.push_back(option(a));
            else {
                r.regex = unquote(a.string_view());
                r.regex_span = span(a);
            }
        });
        cmd.body = std::move(r);
    } else if (n.is_type<g::regex_cmd>()) {
        ast::RegexCmd r;
        rest([&](const Node& a) {
            if (a.is_type<g::regex_field>()) r.field = a.string();
            else if (a.is_type<g::regex_op>()) r.negate = a.string_view() == "!=";
            else {
                r.regex = child<g::dq_string>(a) ? unquote(a.string_view()) : a.string();
                r.regex_span = span(a);
            }
        });
        cmd.body = std::move(r);
    } else if (n.is_type<g::bin_cmd>()) {
        ast::BinCmd b;
        rest([&](const Node& a) {
            if (a.is_type<g::span_option>()) b.span = time_span(a);
            else if (a.is_type<g::option>()) b.options.push_back(option(a));
            else if (a.is_type<g::bin_as>()) b.alias = field(a).name;
            else b.field = field(a);
        });
        cmd.body = std::move(b);
    } else if (n.is_type<g::fillnull_cmd>()) {
        ast::FillnullCmd f;
        rest([&](const Node& a) {
            if (a.is_type<g::option>()) {
                ast::Option o = option(a);
                if (lower(o.key) == "value") f.value = o.value;
            } else f.fields.push_back(field(a));
        });
        cmd.body = std::move(f);
    } else if (n.is_type<g::foreach_cmd>()) {
        ast::ForeachCmd f;
        rest([&](const Node& a) {
            if (a.is_type<g::option>()) f.options.push_back(option(a));
            else if (a.is_type<g::foreach_missing>()) {
                f.body_span = {off(a.m_begin.data) + 1, off(a.m_end.data) - 1};
                f.body_text = std::string(base + f.body_span.begin, f.body_span.end - f.body_span.begin);
                f.body = pipeline(*a.children.at(0));
            } else f.fields.push_back(field(a));
        });
        cmd.body = std::move(f);
    } else if (n.is_type<g::subsearch_cmd>() || n.is_type<g::appendpipe_cmd>()) {
        ast::SubsearchCmd s;
        rest([&](const Node& a) {
            if (a.is_type<g::option>()) s.options.push_back(option(a));
            else if (a.is_type<g::subsearch_missing>() || a.is_type<g::subpipeline_missing>())
                s.subsearch = pipeline(*a.children.at(0));
            else s.fields.push_back(field(a));
        });
        cmd.body = std::move(s);
    } else if (n.is_type<g::map_cmd>()) {
        ast::MapCmd m;
        rest([&](const Node& a) {
            ast::Option o = option(a);
            if (lower(o.key) == "search") {
                m.search = o.value;
                m.search_span = o.value_span;
            }
            m.options.push_back(std::move(o));
        });
        cmd.body = std::move(m);
    } else if (n.is_type<g::transaction_cmd>()) {
        ast::TransactionCmd t;
        rest([&](const Node& a) {
            if (a.is_type<g::option>()) t.options.push_back(option(a));
            else t.fields.push_back(field(a));
        });
        cmd.body = std::move(t);
    } else if (n.is_type<g::replace_cmd>()) {
        ast::ReplaceCmd r;
        rest([&](const Node& a) {
            if (a.is_type<g::replace_pair>())
                r.pairs.push_back({search_value(*a.children.at(0)), search_value(*a.children.at(1))});
            else
                for (auto& f : a.children)
                    if (!f->is_type<g::comma>()) r.fields.push_back(field(*f));
        });
        cmd.body = std::move(r);
    } else if (n.is_type<g::top_cmd>()) {
        ast::TopCmd t;
        rest([&](const Node& a) {
            if (a.is_type<g::count_arg>()) t.limit = to_int(a.string_view());
            else if (a.is_type<g::option>()) {
                ast::Option o = option(a);
                if (lower(o.key) == "limit") t.limit = to_int(o.value);
                t.options.push_back(std::move(o));
            } else if (a.is_type<g::top_by>()) {
                for (auto& f : a.children)
                    if (!f->is_type<g::comma>()) t.by.push_back(field(*f));
            } else t.fields.push_back(field(a));
        });
        cmd.body = std::move(t);
    } else {  // generic_cmd
        ast::GenericCmd gc;
        rest([&](const Node& a) {
            ast::GenericCmd::Arg arg;
            arg.span = span(a);
            if (a.is_type<g::option>()) {
                ast::Option o = option(a);
                arg.kind = ast::GenericCmd::Arg::Kind::Option;
                arg.text = o.key;
                arg.value = o.value;
            } else if (a.is_type<g::generic_quoted>()) {
                arg.kind = ast::GenericCmd::Arg::Kind::Quoted;
                arg.text = unquote(a.string_view());
            } else if (a.is_type<g::subsearch>()) {
                arg.kind = ast::GenericCmd::Arg::Kind::Subsearch;
                arg.subsearch = pipeline(*a.children.at(0));
            } else {
                arg.text = a.string();
            }
            gc.args.push_back(std::move(arg));
        });
        cmd.body = std::move(gc);
    }
    return cmd;
}

}  // namespace minispl::parse
