/*
 * lua/guard.c - guards on standard functions that would otherwise let a rule
 * escape the runtime's limits. The instruction budget is charged by a count
 * hook, which only fires between VM instructions, so a standard function
 * that loops in C for as long as its arguments ask is a way around it, and
 * a finalizer runs whenever the collector decides, possibly with no budget
 * armed at all. Installed over the globals before the sandbox template is
 * built, so every rule environment gets the guarded versions:
 *
 *   setmetatable   refuses a metatable with __gc: a finalizer would run
 *                  outside its rule (in another rule's budget, or in
 *                  lua_close with no budget, where an endless one hangs).
 *   table.move     charges one instruction per element before moving: a
 *                  move of 10^15 absent elements allocates nothing and
 *                  would loop for days.
 *   string.find, match, gmatch, gsub
 *                  are lua/pattern_match.c's: Lua's patterns with every
 *                  step of the backtracking matcher charged.
 *   the other functions whose work grows with their arguments
 *                  (string.rep, upper, lower, reverse, sub, byte, char,
 *                  format, pack, unpack; table.concat, unpack, insert,
 *                  remove, sort; utf8.char, codepoint, len, offset;
 *                  tonumber on a string) charge that work: before it, when
 *                  its size can be told from the arguments, else after it
 *                  from the size of the result (which the memory cap
 *                  bounds, so one call cannot run for long).
 *
 * The string metatable's __index is the global string table these are
 * installed in, so `s:upper()` reaches the metered function as surely as
 * `string.upper(s)`; rule environments and data files get copies of it.
 */
#include "lua/api.h"
#include "lua/state.h"
#include "lua/guard.h"
#include "lua/pattern_match.h"

#include <lauxlib.h>
#include <limits.h>
#include <stdint.h>

static int l_setmetatable(lua_State *L)
{
    int t = lua_type(L, 2);
    if (lua_type(L, 1) != LUA_TTABLE) { /* here, so the message names setmetatable, and rows and dates */
        return luaL_error(L, "bad argument #1 to 'setmetatable' (table expected, got %s)", ldata_typename(L, 1));
    }
    luaL_argexpected(L, t == LUA_TNIL || t == LUA_TTABLE, 2, "nil or table");
    if (t == LUA_TTABLE) {
        /* raw: an __index on the metatable could add __gc during a plain
         * lookup, and Lua decides to finalize by a raw look too */
        lua_pushliteral(L, "__gc");
        if (lua_rawget(L, 2) != LUA_TNIL)
            return luaL_error(L, "setmetatable: __gc finalizers are not available %s",
                              RT(L)->data_file ? "in data files" : "to rules");
    }
    lua_settop(L, 2);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, 2, 1);
    return 1;
}

static int l_table_move(lua_State *L)
{
    lua_Integer f = luaL_checkinteger(L, 2), e = luaL_checkinteger(L, 3);
    luaL_argcheck(L, f > 0 || e < LUA_MAXINTEGER + f, 3, "too many elements to move");
    if (e >= f) /* unsigned: e - f + 1 cannot overflow */
        lrt_charge(L, (uint64_t)e - (uint64_t)f + 1);
    int n = lua_gettop(L);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, n, 1);
    return 1;
}

/* ---- metering ---- */

/* Work per instruction: a Lua VM instruction takes a few nanoseconds;
 * copying BYTES_COPIED bytes, converting BYTES_MAPPED bytes one by one
 * (upper, lower, reverse), or decoding CHARS_DECODED UTF-8 characters takes
 * about as long (measured: docs/security.md). */
#define BYTES_COPIED 8
#define BYTES_MAPPED 4
#define CHARS_DECODED 4

/* Charge the work of making or scanning n bytes at rate bytes per
 * instruction, unless the state cannot hold n more bytes anyway: then the
 * function's own allocation fails first, with the memory message, before
 * any work (a failed string.rep(s, 2^30) is "not enough memory", not an
 * instruction budget spent on bytes never written). */
static bool charge_bytes(lua_State *L, uint64_t n, unsigned rate)
{
    lrt *rt = RT(L);
    if (n > rt->mem_cap - rt->mem)
        return false;
    lrt_charge(L, n / rate);
    return true;
}

/* Call the original function (upvalue 1) on the same arguments: a direct C
 * call, so errors name the function as Lua would have. */
static int original(lua_State *L)
{
    return lua_tocfunction(L, lua_upvalueindex(1))(L);
}

/* After the original: charge the length of its first result. */
static int charge_result(lua_State *L, int nres)
{
    int base = lua_gettop(L) - nres + 1;
    if (nres > 0 && lua_type(L, base) == LUA_TSTRING)
        lrt_charge(L, lua_rawlen(L, base) / BYTES_COPIED);
    return nres;
}

/* The byte length of argument i when it is a string, else 0 (the original
 * converts or refuses it). */
static size_t str_len(lua_State *L, int i)
{
    return lua_type(L, i) == LUA_TSTRING ? lua_rawlen(L, i) : 0;
}

/* Integer argument i, or def when absent; false when it is not one (the
 * original will say so). */
static bool int_arg(lua_State *L, int i, lua_Integer def, lua_Integer *v)
{
    int ok = 1;
    *v = lua_isnoneornil(L, i) ? def : lua_tointegerx(L, i, &ok);
    return ok != 0;
}

/* Lua's start and end positions of a slice (string.sub, byte). */
static lua_Integer slice_len(lua_Integer i, lua_Integer j, size_t len)
{
    lua_Integer l = (lua_Integer)len;
    i = i > 0 ? i : i == 0 ? 1 : i < -l ? 1 : l + i + 1;
    j = j > l ? l : j >= 0 ? j : j < -l ? 0 : l + j + 1;
    return i > j ? 0 : j - i + 1;
}

/* string.rep: the bytes it will write. Lua's own copies an empty string n
 * times, which for rep("", 2^62) is a loop of 2^62 empty copies: the empty
 * result is made here instead. */
static int m_rep(lua_State *L)
{
    lua_Integer n;
    size_t l = str_len(L, 1) + str_len(L, 3);
    bool ok = int_arg(L, 2, 0, &n);
    if (ok && n > 0 && l == 0 && lua_type(L, 1) == LUA_TSTRING &&
        (lua_isnoneornil(L, 3) || lua_type(L, 3) == LUA_TSTRING)) {
        lua_pushliteral(L, "");
        return 1;
    }
    if (ok && n > 0 && l > 0 && l <= INT_MAX / (uint64_t)n && charge_bytes(L, (uint64_t)n * l, BYTES_COPIED))
        lrt_charge(L, (uint64_t)n); /* and a copy call per repetition; Lua refuses what is too long */
    return original(L);
}

static int m_map(lua_State *L) /* upper, lower, reverse */
{
    charge_bytes(L, str_len(L, 1), BYTES_MAPPED);
    return original(L);
}

static int m_sub(lua_State *L)
{
    lua_Integer i, j;
    if (int_arg(L, 2, 1, &i) && int_arg(L, 3, -1, &j))
        charge_bytes(L, (uint64_t)slice_len(i, j, str_len(L, 1)), BYTES_COPIED);
    return original(L);
}

static int m_byte(lua_State *L) /* one value pushed per byte */
{
    lua_Integer i, j;
    if (int_arg(L, 2, 1, &i) && int_arg(L, 3, i, &j))
        lrt_charge(L, (uint64_t)slice_len(i, j, str_len(L, 1)));
    return original(L);
}

static int m_args(lua_State *L) /* string.char, utf8.char: one value read per argument */
{
    lrt_charge(L, (uint64_t)lua_gettop(L) / 4);
    return original(L);
}

static int m_after(lua_State *L) /* format, pack: charged by what they made */
{
    return charge_result(L, original(L));
}

static int m_unpack_str(lua_State *L) /* string.unpack: by the data it reads and the values it pushes */
{
    lrt_charge(L, str_len(L, 2) / BYTES_COPIED);
    int n = original(L);
    lrt_charge(L, (uint64_t)n);
    return n;
}

static int m_utf8_len(lua_State *L) /* the characters between i and j it decodes */
{
    lua_Integer i, j;
    if (int_arg(L, 2, 1, &i) && int_arg(L, 3, -1, &j))
        lrt_charge(L, (uint64_t)slice_len(i, j, str_len(L, 1)) / CHARS_DECODED);
    return original(L);
}

static int m_utf8_offset(lua_State *L) /* at most n characters, at most the string */
{
    lua_Integer n;
    if (int_arg(L, 2, 0, &n)) {
        uint64_t chars = n < 0 ? 0 - (uint64_t)n : (uint64_t)n, len = str_len(L, 1);
        lrt_charge(L, (chars < len ? chars : len) / CHARS_DECODED);
    }
    return original(L);
}

static int m_tonumber(lua_State *L) /* a string is read to its end */
{
    lrt_charge(L, str_len(L, 1) / BYTES_COPIED);
    return original(L);
}

/* table.concat: the elements it will read (at most the raw length: past
 * it Lua stops at the first nil, or runs __index, which is Lua code), then
 * the bytes it joined. */
static int m_concat(lua_State *L)
{
    lua_Integer i, j;
    if (lua_type(L, 1) == LUA_TTABLE && int_arg(L, 3, 1, &i) &&
        int_arg(L, 4, (lua_Integer)lua_rawlen(L, 1), &j)) {
        lua_Integer last = j < (lua_Integer)lua_rawlen(L, 1) ? j : (lua_Integer)lua_rawlen(L, 1);
        if (last >= i)
            lrt_charge(L, (uint64_t)last - (uint64_t)i + 1);
    }
    return charge_result(L, original(L));
}

/* table.unpack: one per value pushed; over the stack's limit Lua refuses
 * before pushing any. */
static int m_unpack(lua_State *L)
{
    lua_Integer i, j;
    if (lua_type(L, 1) == LUA_TTABLE && int_arg(L, 2, 1, &i) &&
        int_arg(L, 3, (lua_Integer)lua_rawlen(L, 1), &j) && j >= i && (uint64_t)j - (uint64_t)i < 1000000)
        lrt_charge(L, (uint64_t)j - (uint64_t)i + 1);
    return original(L);
}

/* table.insert(t, pos, v) and table.remove(t, pos) shift the elements
 * after pos; table.sort compares about n log2 n times. */
static void charge_shift(lua_State *L)
{
    lua_Integer pos;
    if (lua_type(L, 1) == LUA_TTABLE && int_arg(L, 2, 1, &pos)) {
        lua_Integer n = (lua_Integer)lua_rawlen(L, 1);
        if (pos >= 1 && pos <= n)
            lrt_charge(L, (uint64_t)(n - pos + 1));
    }
}

static int m_insert(lua_State *L)
{
    if (lua_gettop(L) == 3) /* insert(t, v) appends: nothing moves */
        charge_shift(L);
    return original(L);
}

static int m_remove(lua_State *L)
{
    if (lua_gettop(L) >= 2) /* remove(t) takes the last: nothing moves */
        charge_shift(L);
    return original(L);
}

static int m_sort(lua_State *L)
{
    if (lua_type(L, 1) == LUA_TTABLE) {
        uint64_t n = lua_rawlen(L, 1), log = 1;
        while (log < 64 && ((uint64_t)1 << log) < n)
            log++;
        lrt_charge(L, n * log);
    }
    return original(L);
}

/* Replace table[name] (or the global name) by fn with the original as upvalue. */
static void wrap(lua_State *L, const char *table, const char *name, lua_CFunction fn)
{
    if (table)
        lua_getglobal(L, table);
    else
        lua_pushglobaltable(L);
    lua_getfield(L, -1, name);
    lua_pushcclosure(L, fn, 1);
    lua_setfield(L, -2, name);
    lua_pop(L, 1);
}

/* Replace string[name] by fn outright (Lua's own is not kept). */
static void replace(lua_State *L, const char *name, lua_CFunction fn)
{
    lua_getglobal(L, "string");
    lua_pushcfunction(L, fn);
    lua_setfield(L, -2, name);
    lua_pop(L, 1);
}

void lguard_install(lua_State *L)
{
    static const struct {
        const char *table, *name;
        lua_CFunction fn;
    } meters[] = {
        {NULL, "setmetatable", l_setmetatable}, {"table", "move", l_table_move},
        {"string", "rep", m_rep},       {"string", "upper", m_map},     {"string", "lower", m_map},
        {"string", "reverse", m_map},   {"string", "sub", m_sub},       {"string", "byte", m_byte},
        {"string", "char", m_args},     {"string", "format", m_after},  {"string", "pack", m_after},
        {"string", "unpack", m_unpack_str},
        {"table", "concat", m_concat},  {"table", "unpack", m_unpack},  {"table", "insert", m_insert},
        {"table", "remove", m_remove},   {"table", "sort", m_sort},
        {"utf8", "char", m_args},       {"utf8", "codepoint", m_byte},  {"utf8", "len", m_utf8_len},
        {"utf8", "offset", m_utf8_offset}, {NULL, "tonumber", m_tonumber},
    };
    for (size_t i = 0; i < sizeof meters / sizeof meters[0]; i++)
        wrap(L, meters[i].table, meters[i].name, meters[i].fn);
    replace(L, "find", lpat_find);
    replace(L, "match", lpat_match);
    replace(L, "gmatch", lpat_gmatch);
    replace(L, "gsub", lpat_gsub);
}
