/**
 * The prompt-injection rule set (docs/knowledge.md lists it with examples). Each rule looks for one
 * kind of attempt to steer a model through text that should only ever be data: a user's question or
 * a retrieved chunk. A rule has a weight; a text's score combines the weights of the rules it
 * matches (see screening.ts), so strong signals flag alone and weak ones only together.
 * Patterns run on a normalised copy (NFKC, lower case, invisible characters removed, spaces
 * collapsed) unless `raw` says they need the text as sent or `lines` that they need its line breaks.
 */
export interface ScreeningRule {
  id: string;
  /** 0–1: how sure one match makes us. ≥ 0.5 flags on its own. */
  weight: number;
  /** Match against the text as sent (invisible characters and all) instead of the normalised copy. */
  raw?: boolean;
  /** Match against the normalised copy with its line breaks kept (rules about what starts a line). */
  lines?: boolean;
  patterns: readonly RegExp[];
}

const qualifier =
  '(?:all|any|every|each|the|your|my|these|those|such|previous|prior|preceding|above|earlier|former|foregoing|past|old|original|initial|existing|current|given|system|developer|safety|internal|hidden|other)';
const orders =
  '(?:instructions?|prompts?|rules|directions?|guidelines|guardrails|constraints|directives|commands|programming|polic(?:y|ies)|safeguards|restrictions|context|messages|orders|filters|settings)';
const model = '(?:ai|a\\.i\\.|assistant|chat ?bot|chat ?gpt|gpt(?:-?\\d)?|llm|language model|model|claude|gemini|copilot|bot|agent)';

export const screeningRules: readonly ScreeningRule[] = [
  {
    id: 'override-instructions',
    weight: 0.9,
    patterns: [
      new RegExp(
        `\\b(?:ignore|ignoring|disregard|forget|override|overrule|bypass|discard|neglect|abandon|drop|cancel|set aside|throw out|skip)\\b(?: (?:all|any|every|of|each))*(?: ${qualifier})+(?: \\w+){0,3} ${orders}\\b`,
      ),
      /\b(?:new|updated|revised|real|actual|true|secret|hidden|additional|priority|override) (?:system )?(?:instructions?|directives?|orders|task|rules|prompt)\s*(?::|follow|are|is\b)/,
      /\b(?:your|the) (?:new|real|actual|only) (?:task|job|goal|purpose|instructions?|mission) (?:is|are|now)\b/,
      /\b(?:instead|from now on|henceforth|starting now)\b[^.!?]{0,30}\b(?:you (?:must|will|shall|should)|do not|don't|respond|reply|answer|output|say)\b/,
      /\b(?:do not|don't|never) (?:follow|obey|listen to|apply|respect) (?:the |your |any )?(?:previous |prior |above |original |earlier |system )?(?:instructions?|rules|guidelines|prompt)/,
      // Paraphrases that name no "instructions": stop obeying whoever configured the model, or
      // declare that this text outranks everything before it.
      /\b(?:stop|quit|cease|no longer) (?:following|obeying|listening to|respecting)\b[^.!?]{0,30}\b(?:developers?|creators?|operators?|system|instructions?|rules|guidelines|prompt|(?:were |was |been )?told you)\b/,
      /\b(?:this (?:text|message|box|note|document)|what i (?:say|write|tell you)(?: here| in this \w+)?) (?:overrides?|supersedes?|replaces?|takes precedence over|outranks) (?:everything|anything|all(?: (?:else|other))?|whatever)\b/,
    ],
  },
  {
    id: 'chat-template-marker',
    weight: 0.9,
    raw: true,
    patterns: [
      /<\|\s*(?:im_start|im_end|system|assistant|user|endoftext|eot_id|start_header_id|end_header_id|begin_of_text)\s*\|>/i,
      /\[\/?INST\]|<<\/?SYS>>|<\/?(?:system|sys|assistant|instructions?)>|\{\{\s*system\s*\}\}/i,
      /^\s*#{2,}\s*(?:system|instructions?|new instructions|assistant|developer)(?: (?:prompt|message|override|update|instructions?|mode|note))*\s*:?\s*#*\s*$/im,
      /\[(?:system|assistant|developer)(?: (?:message|note|prompt|override))?\]/i,
    ],
  },
  {
    id: 'role-line',
    weight: 0.45,
    lines: true,
    patterns: [/^[ \t]*(?:system|assistant|developer|ai)[ \t]*(?:message|prompt)?[ \t]*:[ \t]*(?=\S)/m],
  },
  {
    id: 'persona-switch',
    weight: 0.75,
    patterns: [
      new RegExp(
        `\\byou are (?:now|no longer|not (?:an? )?${model}|free|(?:an? )?(?:unrestricted|unfiltered|uncensored|jailbroken)|in (?:developer|god|debug|admin) mode)\\b`,
      ),
      /\bfrom now on,? (?:you|your|act|behave|respond|answer|pretend)\b/,
      /\b(?:act|behave|respond|answer|speak) as (?:if you (?:were|are|had)|an? )?(?:unrestricted|unfiltered|uncensored|jailbroken|evil|rogue|dan\b|root|sudo|admin(?:istrator)? with|system administrator)/,
      // "Developer mode" is also a real app setting: it counts only when it changes what "you" do.
      /\b(?:god|jailbreak|dan|sudo) mode\b|\b(?:developer|debug|maintenance) mode,? you\b/,
      /\bdo anything now\b|\bjailbr(?:eak|oken)\b/,
      /\bpretend (?:that )?(?:you are|you're|to be) (?:an? )?(?:different|unrestricted|new|evil|human|not)/,
      /\byou (?:have|had) no (?:restrictions|rules|limits|limitations|filters|guidelines|boundaries)\b/,
      /\b(?:no longer|not) bound by\b|\bwithout (?:any )?(?:restrictions|filters|censorship|safety (?:rules|guidelines))\b/,
    ],
  },
  {
    id: 'prompt-leak',
    weight: 0.8,
    patterns: [
      /\b(?:reveal|show|print|output|repeat|display|disclose|leak|share|dump|recite|list|spell out|write out|give me|tell me|what (?:is|are|were)|copy|include|append|quote|paste)\b[^.!?]{0,60}\b(?:system prompt|(?:text|words|content|messages?) (?:that (?:comes?|came|appears?) )?(?:before|above|prior to) (?:this|the) (?:conversation|chat|message|session)|system message|(?:your|the) (?:initial |original |hidden |secret |system |full )?(?:instructions|prompt|guidelines|configuration|rules you were given)|hidden (?:instructions|prompt|rules)|initial (?:prompt|instructions)|(?:everything|the text|all text|the words) (?:above|before this)|verbatim)/,
      /\b(?:begin|start) (?:your (?:answer|reply|response) )?with ["'“]?(?:sure|here is|my instructions|system prompt)/,
    ],
  },
  {
    id: 'exfiltration-link',
    weight: 0.8,
    patterns: [
      /!\[[^\]]*\]\(\s*https?:\/\/[^)\s]*\?[^)\s]*=/,
      /https?:\/\/[^\s)"'>]*(?:\{[^}\s]*\}|<[a-z_ ]+>|\$\{?[a-z_]+\}?|\[(?:data|secret|token|key|conversation|history|prompt|email|password)[^\]]*\])/,
      /\b(?:send|post|forward|upload|transmit|exfiltrate|leak|e-?mail|append|attach|submit|report)\b[^.!?]{0,60}\b(?:conversation|chat history|history|prompt|instructions|api keys?|tokens?|passwords?|credentials|secrets?|personal data|user data|the data|everything|all (?:the )?(?:data|messages|documents))\b[^.!?]{0,40}\b(?:to|at|via)\b[^.!?]{0,20}(?:https?:\/\/|www\.|[\w.+-]+@[\w-]+\.\w|the (?:url|endpoint|webhook|address|server))/,
      /\b(?:fetch|visit|open|load|call|request|render|include)\b[^.!?]{0,20}https?:\/\/\S*[?&](?:q|d|data|secret|token|key|conversation|prompt|history|c|p|info|leak)=/,
    ],
  },
  {
    id: 'invisible-characters',
    weight: 0.7,
    raw: true,
    patterns: [/[\u200B\u200C\u2060-\u2064\uFEFF\u180E]|[\u202A-\u202E\u2066-\u2069]|[\u{E0000}-\u{E007F}]/u],
  },
  {
    id: 'hidden-markup',
    weight: 0.45,
    raw: true,
    patterns: [
      /style\s*=\s*["'][^"']*(?:display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?:px|pt|em)?\b|opacity\s*:\s*0(?:\.0+)?\b|color\s*:\s*(?:white|#fff\b|#ffffff\b|transparent)|(?:left|top|text-indent)\s*:\s*-\d{3,})/i,
      /<!--[^]*?(?:instruction|ignore|assistant|\bai\b|model|prompt|system|you must|do not)[^]*?-->/i,
      /\[\/\/\]: # \(|<(?:span|div|p) hidden\b|aria-hidden=["']true["'][^>]*>[^<]{20,}/i,
    ],
  },
  {
    id: 'decode-and-follow',
    weight: 0.6,
    patterns: [
      /\b(?:decode|decrypt|decipher|translate|convert|unscramble|reverse)\b[^.!?]{0,40}\b(?:base ?64|rot-?13|hex(?:adecimal)?|binary|caesar|cipher|encoded|morse|url-?encoded)\b[^.!?]{0,60}\b(?:follow|execute|run|obey|do what|act on|carry out|perform|apply|comply)/,
      /\b(?:follow|execute|run|obey|carry out|act on)\b[^.!?]{0,30}\b(?:the )?(?:decoded|encoded|hidden|following base ?64|rot-?13)\b/,
    ],
  },
  {
    id: 'tool-abuse',
    weight: 0.55,
    patterns: [
      /\b(?:call|invoke|use|run|execute|trigger)\b (?:the )?[\w.-]+ (?:tool|function|api|endpoint|command|action)\b[^.!?]{0,60}\b(?:delete|drop|wipe|erase|remove|grant|transfer|spend|disable|export|send)\b/,
      // The destructive verb can be the tool's own name (delete_flow, dropWorkspace).
      /\b(?:call|invoke|use|run|execute|trigger)\b (?:the )?[\w.-]*(?:delete|drop|wipe|erase|remove|purge|destroy|grant|transfer|disable)[\w.-]* (?:tool|function|api|endpoint|command|action)\b/,
      /\b(?:delete|drop|wipe|erase|purge|destroy|remove)\b (?:all|every|each|the entire|the whole|any)\b (?:of the )?(?:flows?|documents?|data|workspaces?|users?|members?|records?|database|files?|projects?|accounts?|history|logs?)\b[^.!?]{0,40}\b(?:now|immediately|without (?:asking|confirmation|telling)|silently|right away)\b/,
      /\b(?:grant|give|assign|make)\b (?:me|this (?:user|account)|user \S+|the sender|[\w.+-]+@[\w-]+\.\w+) (?:the )?(?:an? )?(?:admin|administrator|owner|full|root|superuser)(?: (?:access|rights|role|permissions?|privileges))?\b/,
      /\b(?:grant|give|assign)\b (?:full |the )?(?:admin|administrator|owner|root|superuser)(?: (?:access|rights|role|permissions?|privileges))? (?:to|for) (?:me\b|this (?:user|account)|the sender|the author|[\w.+-]+@[\w-]+\.\w+)/,
      /\b(?:transfer|hand over)\b (?:the )?(?:ownership|workspace|account|billing)\b[^.!?]{0,30}\bto\b[^.!?]{0,30}(?:@|\bme\b|attacker|this user)/,
      /\b(?:spend|use up|drain|burn|exhaust)\b (?:all )?(?:the |of the |your )?(?:remaining )?credits\b/,
      /\b(?:disable|turn off|switch off|bypass)\b (?:the )?(?:2fa|two-factor|mfa|security|logging|audit log|safety|content filter|screening|moderation)\b[^.!?]{0,30}\b(?:now|for me|for this|silently|immediately)\b/,
    ],
  },
  {
    id: 'addressed-to-model',
    weight: 0.6,
    patterns: [
      new RegExp(
        `\\b${model}\\b\\s*[,:;!—–-]\\s*(?:please |now |you )?(?:ignore|forget|you must|you should|you will|do not|don't|never|always|respond|reply|answer|say|output|print|write|tell|stop|override|disregard)\\b`,
      ),
      new RegExp(
        `\\b(?:note|message|instruction|memo|reminder) (?:to|for) (?:the |any |all )?(?:${model}s?|reader model|automated (?:system|reader|agent))\\b`,
      ),
      new RegExp(`\\bif you are an? (?:${model}|automated|large language)\\b`),
      new RegExp(`\\b(?:attention|hey|dear|hello|hi),? (?:the |any |all )?${model}s?\\b`),
      /\b(?:when|if|while) (?:you|the (?:ai|assistant|model|bot|agent)) (?:read|reads|see|sees|summari[sz]e|summari[sz]es|process|processes|parse|parses|ingest|ingests) this\b/,
      /\b(?:do not|don't|never) (?:tell|inform|alert|warn|show|mention (?:this )?to) the user\b|\bwithout (?:telling|informing|alerting|warning|notifying) the user\b/,
      /\byou (?:must|will|shall) (?:now )?(?:comply|obey|respond only|reply only|answer only|only (?:respond|reply|answer|output))\b/,
    ],
  },
  {
    // Weak alone (an onboarding text may say "the user is an admin"); it tips a role line or a
    // persona over the threshold when a text also claims rights or asks across tenants.
    id: 'privilege-claim',
    weight: 0.45,
    patterns: [
      /\b(?:the )?(?:user|sender|requester|author) (?:is|has been|was) (?:now )?(?:an? |the )?(?:admin(?:istrator)?|owner|root|superuser|developer|verified|authori[sz]ed|trusted)\b/,
      /\b(?:another|other|all|every) (?:workspace|tenant|customer|account|user)(?:s|'s|s')? (?:data|documents|flows|files|records|e-?mails?(?: address(?:es)?)?|secrets|messages)\b|\b(?:questions|data) about other (?:workspaces|tenants|customers)\b/,
    ],
  },
  {
    // Weak alone: a standing order about every future answer, typical of a planted "policy".
    id: 'answer-steering',
    weight: 0.45,
    patterns: [
      /\b(?:all|every|each|your|future) (?:of your |future )?(?:answers?|responses?|replies|outputs?) (?:must|should|shall|will|need to) (?:now |always )?(?:recommend|include|mention|promote|contain|end with|start with|begin with|link|advertise|praise)\b/,
    ],
  },
  {
    id: 'respond-verbatim',
    weight: 0.35,
    patterns: [
      /\b(?:respond|reply|answer|output|say|print)\b (?:only |just |exactly )?(?:with|the (?:word|phrase|text)) ["'“][^"'”]{1,80}["'”]/,
      /\b(?:repeat|say) after me\b/,
    ],
  },
  {
    id: 'foreign-override',
    weight: 0.9,
    patterns: [
      /\b(?:ignorier(?:e|en|t)?|vergiss|vergessen sie|missachte(?:n)?|überschreibe)\b[^.!?]{0,40}\b(?:anweisungen|anweisung|regeln|vorgaben|instruktionen|befehle|richtlinien)\b/,
      /\b(?:ignore[rz]?|oublie[rz]?|ne tiens(?:-toi)? pas compte)\b[^.!?]{0,30}\b(?:les|toutes|tes|vos|ces|des|aux)\b[^.!?]{0,20}\b(?:instructions?|consignes?|règles|directives)\b/,
      /\b(?:ignora(?:r|d)?|olvida(?:r)?|descarta|omite)\b[^.!?]{0,40}\b(?:instrucciones|reglas|indicaciones|directrices|órdenes|istruzioni|regole)\b/,
      /\b(?:ignore|ignora|esqueça|esqueca|desconsidere|ignorar)\b[^.!?]{0,40}\b(?:instruções|instrucoes|regras|diretrizes|orientações)\b/,
      /\b(?:dimentica|ignora)\b[^.!?]{0,40}\b(?:istruzioni|regole|indicazioni)\b/,
      /\b(?:negeer|vergeet)\b[^.!?]{0,40}\b(?:instructies|regels|opdrachten)\b/,
      /(?:игнорируй|игнорируйте|забудь|забудьте|проигнорируй)[^.!?]{0,40}(?:инструкци|правила|указания)/,
      /(?:忽略|无视|忘记|忘掉|不要理会|忽視|無視)[^。！？]{0,20}(?:指令|指示|说明|說明|提示|规则|規則|命令)/,
      /(?:指示|命令|ルール|プロンプト)[^。！？]{0,10}(?:を)?(?:無視|忘れ)/,
      /(?:du bist (?:jetzt|nun)|tu es maintenant|vous êtes maintenant|ahora eres|agora você é|ora sei|теперь ты|你现在是|あなたは今)/,
      /(?:system-?prompt|prompt (?:système|del sistema|do sistema|di sistema)|системн\S* (?:промпт|подсказк)|系统提示|系統提示|システムプロンプト)/,
    ],
  },
];
