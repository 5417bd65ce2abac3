"""Court codes (法院代字) as a case number carries them, as pattern text only: textwidth
(imported by `mediate --help`) breaks a case number after its court code, and compiling the
patterns of domain/case_numbers.py there would slow every start."""

# 法〔2015〕137号 art. 4 (the 2018 amendment, 法〔2018〕335号, left it as it was): "最高人民法院
# 的法院代字为'最高法'。各省、自治区、直辖市高级人民法院的法院代字与其所在省、自治区、直辖市
# 行政区划简称一致，但第三款规定情形除外。内蒙古自治区高级人民法院、中国人民解放军军事法院、
# 新疆维吾尔自治区高级人民法院生产建设兵团分院的法院代字分别为'内''军''兵'" (read in the
# reprint at freewechat.com; data/PROVENANCE.md, "Case-number format"). The bare codes taken:
# the provinces whose 简称 is one character (京 … 新) and 云 (seen in a high court's number,
# （2019）云民终296号), with art. 4 para. 3's 内, 军, 兵. The four provinces with two 简称 use,
# by the courts' own numbers (data/PROVENANCE.md, "The sixth check"): 四川 川 ((2020)川民终1443号
# of 四川省高级人民法院), 贵州 黔 (贵州省铜仁市中级人民法院's judgment (2018)黔06民终609号 on
# appeal from (2017)黔0627民初659号: by art. 5 an intermediate or basic court's code is "所属高院
# 的法院代字" with its digits), 陕西 陕 (陕西省高级人民法院's judgment header （2020）陕刑终267号;
# its own court table: 法院代字 陕, 陕01 …), 甘肃 甘 ((2017)甘民终593号 of 甘肃省高级人民法院). The
# 代字表 issued with 法〔2015〕137号 itself was not read. 蜀, 贵, 秦, 陇 are not taken: art. 4
# gives each high court one code, and the numbers above show which. A bare code is one
# character before the type code, so only a known one is taken: any character would read a
# number without a court code (（2024）民终12号) as one.
SUPREME_COURT_CODE = "最高法"
HIGH_COURT_CODES = "京津冀晋内辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川黔云藏陕甘青宁新军兵"
# Art. 5: an intermediate or basic court's code is its high court's with two or four digits
# ("中级、基层法院的数字代码，分别由两位、四位阿拉伯数字表示"), so a code of three digits
# (豫123) is none. The leading character stays any one (an intermediate court of 四川 is
# 川01 or 蜀01, not verified: see above); the digits are what art. 5 fixes.
COURT_CODE = (
    rf"(?:{SUPREME_COURT_CODE}|[\u4e00-\u9fff][0-9]{{2}}(?:[0-9]{{2}})?|[{HIGH_COURT_CODES}])"
)
# The type code (类型代字, with the 2018 专门审判代字 before it): Chinese characters, never
# 字第, nor 字 before the number. A number of the format before 法〔2015〕137号 (in force
# 2016-01-01) ends in 字第…号 (or 字…号) after a court's abbreviation, （2014）焦民一初字第
# 00123号; its 焦 or 豫 is no court code of art. 4 or 5, and reading 豫民一初字第 as a high
# court's type would make it a high court's number. The same two endings as
# domain/case_numbers.py `_OLD_FORMAT` (`old_format_refusal`), so what that refuses is
# never read as art. 3's (（2024）豫0802民初字1号 was).
TYPE_CODE = r"(?:(?!字第|字[0-9])[\u4e00-\u9fff]){1,8}"
