/// Words that news in each language uses whatever the story: reporting verbs, titles, days and
/// months, time and quantity words, generic nouns of politics. They join the prior
/// (`TermPrior.builtIn`) as common, so two different stories do not look alike because both
/// "officials said on Monday", while the names, places and numbers that survive a rewrite keep
/// their weight. Written for feedwatch; forms are folded by the same normalizer and stemmer as
/// story text (Russian words to five letters, Arabic without clitics), so one form per word is
/// usually enough.
enum CommonNewsWords {
    static let english = """
        according report reported reports reporting reporter told tells telling statement statements \
        announced announce announcement added adding stated noted confirmed confirm denied deny claims \
        claimed warned warning urged called call calls expected expect plans plan planned week weeks \
        month months year years day days today yesterday tomorrow monday tuesday wednesday thursday \
        friday saturday sunday january february march april may june july august september october \
        november december morning evening night time times first second third last next former \
        current recent recently latest early late earlier later ago since amid despite following ahead \
        part parts set including include includes officials official source sources spokesman \
        spokeswoman spokesperson minister ministry government president state states country countries \
        national international foreign world global region regional local side sides party parties \
        people group groups members member leader leaders head chief director agency agencies news \
        media press office interview meeting meetings talks visit held hold holds make made take taken \
        give given going come came went back well still even number numbers million billion percent \
        cent high higher low lower big large small major key old situation issue issues matter matters \
        efforts effort work working continue continued support supported help need needs use used way \
        ways point points area areas city cities capital north south east west northern southern \
        eastern western central public political security economic military forces force war conflict \
        crisis peace deal agreement case cases including told asked around across among toward towards \
        however meanwhile already another without within whose whether yet now never ever often \
        always told says added reuters afp associated tass statement according live update updates \
        breaking exclusive analysis opinion video photos watch read full story latest report news \
        like know think want see show shows shown seen look looks find found put keep kept bring \
        brought run runs ran move moved moves begin began started start starts end ended ending \
        open opened close closed long short good bad best better great little less least lot \
        several hundreds thousands dozens percent total overall fresh further possible likely \
        clear important significant special general main top senior deputy vice acting \
        met meet meets discuss discussed discusses discussing discussion discussions held hosted hosts \
        received receives signed sign agreed agree agreement called urge urged stressed emphasised \
        emphasized expressed welcomed condemned reaffirmed affirmed reiterated highlighted underlined \
        ambassador envoy delegation spokesman foreign affairs counterpart relations cooperation \
        bilateral ties issues developments latest situation region efforts support visit visiting trip \
        official officials ministry minister deputy head president prime talks phone call \
        monday tuesday wednesday thursday friday saturday sunday
        """
    static let russian = """
        заявил заявила заявили заявление заявлении сообщил сообщила сообщили сообщает сообщение \
        сообщению отметил отметила отметили подчеркнул подчеркнула добавил добавила рассказал \
        рассказала пояснил пояснила говорится передает агентство агентства источник источники \
        источника данным словам официальный официальные официального представитель представителя \
        глава главы министр министра министерство правительство президент президента страна страны \
        стран странами государство государства международный национальный мировой региональный \
        сторона стороны сторон понедельник вторник среду среда четверг пятницу пятница субботу \
        воскресенье января февраля марта апреля мая июня июля августа сентября октября ноября \
        декабря утром вечером ночью сегодня вчера завтра неделе недели месяце месяца году года \
        лет день дня дней время времени ранее позднее около также однако тысяч миллионов \
        миллиардов процентов ситуация ситуации вопрос вопросы вопросам встреча встречи переговоры \
        переговоров визит работа работы помощь поддержка поддержку решение решения новый новые \
        новых первый второй третий последний текущий нынешний город города столица регион района \
        области безопасности военный военные конфликт конфликта кризис мира соглашение сделка дело \
        делу журналистам заявлению итогам рамках ходе связи случае части результате целях словах \
        сообщения информации данные данных материалы материале сайте канале телеграм пресс служба \
        службы ведомства ведомство отношения отношений сотрудничества развития вопросу вопроса \
        человек людей граждан жителей власти властей руководство руководства лидер лидеры лидера \
        сша россии рф страна мир мире ряд ряде числе несколько многие многих другие других \
        должны должен может сказал сказала назвал назвала считает уверен выразил выразила \
        провел провели прошла прошли состоялся состоялась состоялись принял приняли принять \
        провести обсудили обсудить обсуждение договорились призвал призвали готов готова готовы \
        планирует планируется намерен намерены продолжить продолжает продолжают начал начали \
        большой большое крупный важный важно главный главное основной особое особенно \
        американский американские российский российские европейский европейские западные \
        встретился встретились встреча встречи встрече обсудил обсудили обсуждение обсуждались провел \
        провели принял приняли подписал подписали подписано договорились призвал призвали подчеркнул \
        выразил приветствовал осудил посол посла послом послу посланник делегация делегации делегацией \
        замминистра заместитель министра иностранных дел сотрудничество сотрудничества двусторонние \
        отношения отношений развитие развития ситуацию ситуации обстановку обстановке вопросы вопросов \
        телефонный разговор разговоре визита визите
        """
    static let arabic = """
        قال قالت وقال وقالت أكد وأكد أكدت أضاف وأضاف أوضح وأوضح أشار وأشار أعلن وأعلن أعلنت \
        بيان البيان تصريح تصريحات مصدر مصادر المصدر وكالة الوكالة وسائل الإعلام مسؤول مسؤولون \
        المسؤولين رئيس الرئيس وزير الوزير وزارة الوزارة الحكومة دولة الدولة الدول البلاد \
        البلدين الجانبين الطرفين الدولي الدولية الوطني الإقليمي المنطقة العالم \
        الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت الأحد يوم اليوم أمس غدا صباح مساء \
        الأسبوع أسبوع الشهر شهر العام عام السنة سنة خلال عقب بعد قبل منذ حتى أيضا لكن \
        وفق وفقا بحسب حسب نحو أكثر أقل ألف آلاف مليون مليار بالمئة المئة \
        الوضع الأوضاع القضية قضية لقاء اللقاء اجتماع الاجتماع زيارة مباحثات محادثات \
        العمل الدعم دعم المساعدة جهود الجهود الأمن الأمني العسكري العسكرية الحرب الصراع \
        الأزمة السلام اتفاق الاتفاق صفقة المدينة العاصمة شمال جنوب شرق غرب جديد جديدة الأول الثاني \
        يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر \
        الماضي المقبل الحالي الجاري الأخير الأخيرة حاليا مؤخرا اليوم الليلة صباح \
        تقرير التقرير تقارير موقع الموقع قناة القناة صحيفة الصحيفة مصدر نقلا لوسائل \
        مسؤولين المسؤول المسؤولة رئاسة الرئاسة الوزراء وزراء سفير السفير الخارجية الداخلية \
        العلاقات علاقات التعاون تعاون تطوير تعزيز بحث يبحث ناقش بشأن حول إطار اطار ضمن \
        أجل اجل عدد العديد بعض جميع كافة مختلف مختلفة عدة إضافة اضافة كذلك بينما فيما \
        يذكر ويذكر يأتي وتأتي تأتي ذكرت وذكرت ذكر وذكر نقل ونقل أفاد وأفاد أفادت وأفادت \
        قوله بقوله وفقًا بالإضافة مشيرا مشيرة مؤكدا مؤكدة لافتا موضحا داعيا معربا \
        الشعب المواطنين الناس السكان الأطراف الجهات الدولية الإقليمية الأمريكي الأمريكية \
        الولايات المتحدة واشنطن الأوروبي الغربية الرئيسي الرئيسية الكبير الكبيرة كبيرة كبير \
        التقى يلتقي استقبل يستقبل بحث يبحث وبحث ناقش يناقش تناول أكد شدد أعرب رحب أدان وقع اتفق \
        السفير سفير المبعوث مبعوث الوفد وفد نائب وزير الخارجية الثنائية العلاقات التعاون المستجدات \
        الأوضاع التطورات اتصال هاتفي اتصالا الجانب الجانبان البلدين الصديقين
        """

    static var all: [String] {
        [english, russian, arabic].flatMap { $0.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init) }
    }
}
