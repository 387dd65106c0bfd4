import type { ArticleAudience, Category } from '@ticketing/contracts';

/**
 * The seed knowledge base: e-commerce FAQ topics written for this project (Apache-2.0 with it),
 * each in English and Simplified Chinese; Traditional Chinese (zh-TW) is derived with OpenCC's
 * Taiwan phrase conversion when the seed files are built (seed/build-seed-files.ts).
 */
export interface SeedTopic {
  slug: string;
  category: Category;
  audience: ArticleAudience;
  tags: string[];
  en: { title: string; body: string };
  zh: { title: string; body: string };
}

export const SEED_TOPICS: SeedTopic[] = [
  {
    slug: 'track-order',
    category: 'order_status',
    audience: 'public',
    tags: ['tracking', 'logistics', '物流'],
    en: {
      title: 'How do I track my order?',
      body: 'Open **My Orders**, choose the order and tap **Track package**. You will see the carrier, the tracking number and every scan of the parcel.\n\nThe tracking number is also in the shipping confirmation e-mail. Tracking can take up to 24 hours to show the first scan after the parcel leaves our warehouse.',
    },
    zh: {
      title: '如何查询订单物流？',
      body: '进入**我的订单**，选择订单后点击**查看物流**，即可看到快递公司、运单号和包裹的每一条扫描记录。\n\n发货通知短信和邮件里也有运单号。包裹离开仓库后，最多需要24小时才会出现第一条物流信息。',
    },
  },
  {
    slug: 'delivery-time',
    category: 'logistics',
    audience: 'public',
    tags: ['delivery', 'shipping time', '配送时效'],
    en: {
      title: 'How long does delivery take?',
      body: 'Orders placed before 4 pm ship the same day. Standard delivery arrives in 2–4 business days in major cities and 3–7 business days in remote areas. Express delivery arrives the next business day where available.\n\nPublic holidays and big sales events can add one or two days.',
    },
    zh: {
      title: '下单后多久能收到货？',
      body: '每天16点前付款的订单当天发货。普通快递一般2-4个工作日送达，偏远地区3-7个工作日。支持次日达的地区选择加急配送可在下一个工作日送达。\n\n节假日和大促期间可能会延迟一到两天。',
    },
  },
  {
    slug: 'shipping-fee',
    category: 'presale_inquiry',
    audience: 'public',
    tags: ['shipping fee', 'free shipping', '运费', '包邮'],
    en: {
      title: 'Shipping fees and free shipping',
      body: 'Orders of 99 or more ship free with standard delivery. Below that, standard delivery costs 8 and express delivery costs 18. The exact fee is shown at checkout before you pay.\n\nMembers get free express delivery twice a month.',
    },
    zh: {
      title: '运费怎么算？满多少包邮？',
      body: '订单满99元普通快递包邮，不满99元普通快递运费8元，加急配送18元。实际运费会在结算页付款前显示。\n\n会员每月可享两次免费加急配送。',
    },
  },
  {
    slug: 'international-shipping',
    category: 'logistics',
    audience: 'public',
    tags: ['international', 'overseas', 'customs', '海外'],
    en: {
      title: 'Do you ship internationally?',
      body: 'We ship to Hong Kong, Macau, Taiwan, Singapore, Malaysia, Japan, the United States and Canada. International delivery takes 7–15 business days.\n\nImport duties and taxes are charged by customs on arrival and are paid by the recipient.',
    },
    zh: {
      title: '可以寄到海外吗？',
      body: '目前支持寄送到港澳台、新加坡、马来西亚、日本、美国和加拿大，国际配送时效为7-15个工作日。\n\n进口关税和税费由目的地海关在到货时收取，需要收件人自行缴纳。',
    },
  },
  {
    slug: 'package-not-received',
    category: 'logistics',
    audience: 'public',
    tags: ['lost package', 'delivered not received', '丢件'],
    en: {
      title: 'Tracking says delivered but I have not received my package',
      body: 'First check with neighbours, the building reception and nearby parcel lockers, and look for a pickup notice. Couriers sometimes mark a parcel delivered shortly before they arrive, so wait until the end of the day.\n\nIf it has still not arrived after 48 hours, contact us with your order number: we open an investigation with the carrier and send a replacement or refund if the parcel is lost.',
    },
    zh: {
      title: '物流显示已签收，但我没收到包裹怎么办？',
      body: '请先询问家人、邻居、物业前台，并查看附近的快递柜和驿站是否有取件通知。快递员有时会提前点签收，可以等到当天结束再看。\n\n如果48小时后仍未收到，请联系客服并提供订单号，我们会向快递公司发起调查，确认丢件后为您补发或退款。',
    },
  },
  {
    slug: 'change-address',
    category: 'order_change',
    audience: 'public',
    tags: ['address', 'shipping address', '收货地址'],
    en: {
      title: 'Can I change my shipping address after placing an order?',
      body: 'Yes, as long as the order has not shipped: open the order in **My Orders** and choose **Change address**.\n\nOnce the parcel has shipped the address can no longer be changed in the app; contact customer service and we will ask the carrier to redirect it, which is not always possible.',
    },
    zh: {
      title: '下单后可以修改收货地址吗？',
      body: '订单未发货前可以修改：在**我的订单**中打开该订单，点击**修改地址**即可。\n\n包裹发出后无法在App内修改地址，请联系客服，我们会尝试联系快递公司改派，但不保证一定成功。',
    },
  },
  {
    slug: 'cancel-order',
    category: 'order_cancel',
    audience: 'public',
    tags: ['cancel', 'cancellation', '取消订单'],
    en: {
      title: 'How do I cancel an order?',
      body: 'Orders that have not shipped can be cancelled in **My Orders** → **Cancel order**. The payment is returned automatically to the original payment method.\n\nIf the order has already shipped you cannot cancel it; refuse the delivery or start a return after it arrives.',
    },
    zh: {
      title: '怎么取消订单？',
      body: '未发货的订单可以在**我的订单**中点击**取消订单**，款项会自动原路退回。\n\n已发货的订单无法取消，您可以拒收包裹，或在收货后申请退货。',
    },
  },
  {
    slug: 'modify-order',
    category: 'order_change',
    audience: 'public',
    tags: ['size', 'colour', 'quantity', '修改订单'],
    en: {
      title: 'Changing the size, colour or quantity of an order',
      body: 'Items in an order that has not shipped cannot be edited directly. Cancel the order and place a new one with the right size, colour or quantity; coupons used on the cancelled order are returned to your account.\n\nAfter shipping, use an exchange instead.',
    },
    zh: {
      title: '下单后想换尺码、颜色或数量怎么办？',
      body: '订单内的商品不能直接修改。未发货时请取消订单后重新下单，选择正确的尺码、颜色或数量，原订单使用的优惠券会退回账户。\n\n已发货的订单请在收货后申请换货。',
    },
  },
  {
    slug: 'return-policy',
    category: 'return_exchange',
    audience: 'public',
    tags: ['return', 'returns', '7 days', '退货'],
    en: {
      title: 'What is your return policy?',
      body: 'Most items can be returned within 7 days of delivery without giving a reason, as long as they are unused and in their original packaging with tags attached.\n\nUnderwear, cosmetics that have been opened, customised items and digital goods cannot be returned unless they are faulty. Start a return in **My Orders** → **Return / refund**.',
    },
    zh: {
      title: '退货政策是什么？支持七天无理由退货吗？',
      body: '大部分商品支持签收后7天无理由退货，要求商品未使用、包装完好且吊牌齐全。\n\n贴身衣物、已拆封的化妆品、定制商品和虚拟商品除质量问题外不支持退货。请在**我的订单**中点击**退货/退款**发起申请。',
    },
  },
  {
    slug: 'exchange',
    category: 'return_exchange',
    audience: 'public',
    tags: ['exchange', 'wrong size', '换货'],
    en: {
      title: 'How do I exchange an item for another size?',
      body: 'Within 15 days of delivery you can exchange an item for another size or colour of the same product: choose **Exchange** in **My Orders**, pick the new variant and send the item back. We ship the new one as soon as the returned item is scanned by the carrier.\n\nIf the variant you want is out of stock, you can return the item for a refund instead.',
    },
    zh: {
      title: '尺码不合适怎么换货？',
      body: '签收后15天内可以更换同款商品的其他尺码或颜色：在**我的订单**中选择**换货**，选好新的规格后寄回原商品。快递揽收后我们会立即发出新商品。\n\n如果想换的规格缺货，可以改为退货退款。',
    },
  },
  {
    slug: 'return-shipping-cost',
    category: 'return_exchange',
    audience: 'public',
    tags: ['return shipping', 'return label', '退货运费'],
    en: {
      title: 'Who pays for return shipping?',
      body: 'If the item is faulty, damaged or not as described, we pay the return shipping: use the free return label in the app. For returns without a reason the customer pays the return shipping, unless the order included return shipping insurance, which refunds up to 10.',
    },
    zh: {
      title: '退货运费由谁承担？',
      body: '商品有质量问题、破损或与描述不符的，退货运费由我们承担，请使用App内的免费退货面单。无理由退货的运费由买家承担，如果下单时购买了运费险，可获得最高10元的运费补偿。',
    },
  },
  {
    slug: 'refund-time',
    category: 'refund',
    audience: 'public',
    tags: ['refund', 'refund time', '退款到账'],
    en: {
      title: 'How long does a refund take?',
      body: 'We issue the refund within 24 hours after the returned item passes inspection at our warehouse. How soon you see it depends on the payment method: wallet balance and Alipay instantly, WeChat Pay within 1 day, bank cards 3–7 business days, credit cards up to one billing cycle.',
    },
    zh: {
      title: '退款多久能到账？',
      body: '退货商品到达仓库并验收通过后，我们会在24小时内发起退款。到账时间取决于支付方式：余额和支付宝即时到账，微信支付1天内，储蓄卡3-7个工作日，信用卡最长一个账单周期。',
    },
  },
  {
    slug: 'refund-missing',
    category: 'refund',
    audience: 'public',
    tags: ['refund not received', 'refund status', '退款未到账'],
    en: {
      title: 'The refund shows as completed but I have not received the money',
      body: 'Check the refund details in **My Orders**: they show the refund date, the amount and where it was sent. Bank and credit-card refunds can take several business days after we complete them; ask your bank with the refund reference number shown there.\n\nIf the money has not arrived 7 business days after completion, contact us and we will send you the transfer receipt.',
    },
    zh: {
      title: '显示退款成功但钱没收到怎么办？',
      body: '请在**我的订单**中查看退款详情，里面有退款时间、金额和退回的账户。银行卡和信用卡退款在我们完成后还需要几个工作日，可以凭退款单号向银行查询。\n\n如果退款完成7个工作日后仍未到账，请联系客服，我们会提供转账凭证。',
    },
  },
  {
    slug: 'payment-methods',
    category: 'payment',
    audience: 'public',
    tags: ['payment', 'alipay', 'wechat pay', 'credit card', '支付方式'],
    en: {
      title: 'Which payment methods do you accept?',
      body: 'We accept Alipay, WeChat Pay, UnionPay debit and credit cards, Visa, Mastercard, PayPal and the wallet balance. Cash on delivery is available for orders under 2,000 in supported cities.\n\nInstalments without interest are available on orders over 300 with selected credit cards.',
    },
    zh: {
      title: '支持哪些支付方式？',
      body: '支持支付宝、微信支付、银联储蓄卡和信用卡、Visa、万事达卡、PayPal以及账户余额支付。部分城市2000元以下订单支持货到付款。\n\n订单满300元可使用指定信用卡免息分期。',
    },
  },
  {
    slug: 'payment-failed',
    category: 'payment',
    audience: 'public',
    tags: ['payment failed', 'charged twice', '支付失败'],
    en: {
      title: 'My payment failed or I was charged twice',
      body: 'If a payment fails, check the card limit and balance and try again, or choose another payment method; an unpaid order is kept for 30 minutes.\n\nIf money left your account but the order shows unpaid, or you were charged twice, do not pay again: the duplicate amount is returned automatically within 3 business days.',
    },
    zh: {
      title: '支付失败或者被重复扣款怎么办？',
      body: '支付失败时请检查银行卡额度和余额后重试，或更换其他支付方式，未支付订单会保留30分钟。\n\n如果已经扣款但订单显示未支付，或者被重复扣款，请不要再次付款，多扣的金额会在3个工作日内自动退回。',
    },
  },
  {
    slug: 'invoice',
    category: 'payment',
    audience: 'public',
    tags: ['invoice', 'fapiao', 'receipt', '发票'],
    en: {
      title: 'How do I get an invoice for my order?',
      body: 'Electronic invoices (fapiao) are issued automatically after the order is delivered and can be downloaded in **My Orders** → **Invoice**. To add a company name and tax number, edit the invoice details before the order is delivered or request a re-issue within 30 days.',
    },
    zh: {
      title: '怎么开发票？',
      body: '订单签收后系统会自动开具电子发票，可在**我的订单**中点击**发票**下载。如需填写公司抬头和税号，请在签收前修改发票信息，或在30天内申请重开发票。',
    },
  },
  {
    slug: 'coupons',
    category: 'presale_inquiry',
    audience: 'public',
    tags: ['coupon', 'promo code', 'discount', '优惠券'],
    en: {
      title: 'How do I use a coupon or promo code?',
      body: 'Coupons in your account are applied at checkout: tap **Coupons** and pick one. A promo code is entered in the same place. Only one store coupon can be used per order, and each coupon shows its minimum spend and expiry date.\n\nCoupons cannot be exchanged for cash and are returned if the order is cancelled before shipping.',
    },
    zh: {
      title: '优惠券怎么用？',
      body: '账户里的优惠券在结算页点击**优惠券**选择即可使用，优惠码也在同一位置输入。每个订单只能使用一张店铺券，每张券都标明了使用门槛和有效期。\n\n优惠券不能兑换现金，订单发货前取消会退回优惠券。',
    },
  },
  {
    slug: 'price-protection',
    category: 'presale_inquiry',
    audience: 'public',
    tags: ['price drop', 'price protection', '价保'],
    en: {
      title: 'The price dropped after I bought: can I get the difference back?',
      body: 'Yes. With price protection, if the same item from the same seller gets cheaper within 7 days of your payment, apply in **My Orders** → **Price protection** and we refund the difference to the original payment method.\n\nFlash sales, member-only prices and coupons are not covered.',
    },
    zh: {
      title: '买完就降价了，可以退差价吗？',
      body: '可以。我们提供价格保护：付款后7天内同一商家的同款商品降价，可在**我的订单**中申请**价保**，差价会原路退回。\n\n秒杀、会员专享价和优惠券带来的降价不在价保范围内。',
    },
  },
  {
    slug: 'restock',
    category: 'presale_inquiry',
    audience: 'public',
    tags: ['out of stock', 'restock', 'back in stock', '缺货', '到货通知'],
    en: {
      title: 'An item is out of stock: when will it be back?',
      body: 'Tap **Notify me** on the product page and we send a message as soon as it is back in stock. Most items are restocked within 2 weeks; limited editions may not come back.\n\nWe cannot reserve out-of-stock items or take orders for them in advance.',
    },
    zh: {
      title: '商品缺货了，什么时候补货？',
      body: '在商品页面点击**到货通知**，商品补货后我们会第一时间提醒您。大部分商品会在2周内补货，限量款可能不再补货。\n\n缺货商品无法预留，也不支持提前下单。',
    },
  },
  {
    slug: 'reset-password',
    category: 'account_security',
    audience: 'public',
    tags: ['password', 'login', 'forgot password', '密码'],
    en: {
      title: 'I forgot my password',
      body: 'On the sign-in page tap **Forgot password**, enter the phone number or e-mail of your account and follow the verification code we send. The new password must have at least 8 characters with letters and digits.\n\nAfter 5 wrong attempts the account is locked for 30 minutes for your safety.',
    },
    zh: {
      title: '忘记密码了怎么办？',
      body: '在登录页点击**忘记密码**，输入账号绑定的手机号或邮箱，按收到的验证码完成验证后设置新密码。新密码至少8位，需包含字母和数字。\n\n为了安全，连续输错5次密码账号会被锁定30分钟。',
    },
  },
  {
    slug: 'account-compromised',
    category: 'account_security',
    audience: 'public',
    tags: ['hacked', 'stolen account', 'unauthorized', '盗号'],
    en: {
      title: 'I think someone else is using my account',
      body: 'Change your password right away and sign out of all devices in **Settings** → **Security**. Check your recent orders and saved addresses for anything you do not recognise.\n\nThen contact customer service: we can freeze the account, cancel unshipped orders you did not place and help you recover any wallet balance or points.',
    },
    zh: {
      title: '账号被盗了怎么办？',
      body: '请立即修改密码，并在**设置**→**账号安全**中退出所有设备。检查最近的订单和收货地址是否有陌生记录。\n\n然后联系客服，我们可以冻结账号、取消非本人下的未发货订单，并协助找回余额和积分。',
    },
  },
  {
    slug: 'change-phone',
    category: 'account_security',
    audience: 'public',
    tags: ['phone number', 'mobile', 'verification', '换绑手机'],
    en: {
      title: 'How do I change the phone number on my account?',
      body: 'Go to **Settings** → **Account security** → **Phone number**. Verify with a code sent to the old number, then with one sent to the new number.\n\nIf you no longer have the old number, choose **Old number unavailable** and verify your identity with a photo of your ID; the review takes 1–3 business days.',
    },
    zh: {
      title: '怎么更换绑定的手机号？',
      body: '进入**设置**→**账号安全**→**手机号**，先用原手机号接收验证码验证，再验证新手机号即可完成换绑。\n\n原手机号已停用的，请选择**原手机号无法使用**，上传身份证照片进行人工审核，审核需要1-3个工作日。',
    },
  },
  {
    slug: 'app-problems',
    category: 'technical_fault',
    audience: 'public',
    tags: ['app crash', 'bug', 'cannot log in', '闪退'],
    en: {
      title: 'The app crashes or will not load',
      body: 'Update the app to the latest version, then restart your phone. If it still crashes, clear the app cache in **Settings** → **General** → **Clear cache**, or reinstall it; your orders and cart are kept in your account.\n\nIf pages do not load, switch between Wi-Fi and mobile data. Still stuck? Send us your phone model and app version.',
    },
    zh: {
      title: 'App闪退或者打不开怎么办？',
      body: '请先把App更新到最新版本并重启手机。如果仍然闪退，可以在**设置**→**通用**→**清除缓存**，或卸载后重新安装，订单和购物车都保存在账号里不会丢失。\n\n页面加载不出来时，请尝试切换WiFi和移动数据。问题仍然存在，请把手机型号和App版本号发给客服。',
    },
  },
  {
    slug: 'damaged-item',
    category: 'return_exchange',
    audience: 'public',
    tags: ['damaged', 'broken', 'wrong item', '破损'],
    en: {
      title: 'My item arrived damaged or I received the wrong item',
      body: 'Take photos of the item, the packaging and the shipping label, and report it in **My Orders** → **Return / refund** → **Damaged or wrong item** within 48 hours of delivery.\n\nWe send a replacement or refund in full, including shipping, and the return label is free.',
    },
    zh: {
      title: '收到的商品破损了或者发错货怎么办？',
      body: '请拍下商品、外包装和快递面单的照片，在签收后48小时内通过**我的订单**→**退货/退款**→**商品破损/发错货**提交申请。\n\n我们会为您补发或全额退款（含运费），退货面单免费。',
    },
  },
  {
    slug: 'warranty',
    category: 'technical_fault',
    audience: 'public',
    tags: ['warranty', 'repair', 'after-sales', '保修'],
    en: {
      title: 'Warranty and repairs for electronics',
      body: 'Electronics come with a 1-year manufacturer warranty from the delivery date. Within 15 days a faulty device can be exchanged for a new one; after that it is repaired free of charge.\n\nStart a repair request in **My Orders** → **After-sales** and keep the invoice: it is your proof of purchase.',
    },
    zh: {
      title: '电子产品怎么保修？',
      body: '电子产品自签收之日起享受一年厂家质保。15天内出现质量问题可以换新，超过15天免费维修。\n\n请在**我的订单**→**售后服务**中申请维修，并保留好发票作为购买凭证。',
    },
  },
  {
    slug: 'points',
    category: 'other',
    audience: 'public',
    tags: ['points', 'membership', 'rewards', '积分'],
    en: {
      title: 'How do membership points work?',
      body: 'You earn 1 point for every 1 spent once the order is completed. 100 points are worth 1 off at checkout, up to 50% of the order value.\n\nPoints expire at the end of the year after the year they were earned. Points used on a returned order are given back.',
    },
    zh: {
      title: '会员积分怎么获得和使用？',
      body: '订单完成后每消费1元获得1积分，结算时每100积分可抵扣1元，最多抵扣订单金额的50%。\n\n积分在获得次年的年底过期，退货订单使用的积分会退回账户。',
    },
  },
  {
    slug: 'complaint',
    category: 'feedback_suggestion',
    audience: 'public',
    tags: ['complaint', 'feedback', 'suggestion', '投诉'],
    en: {
      title: 'How do I make a complaint or a suggestion?',
      body: 'Choose **Help** → **Feedback** in the app, pick complaint or suggestion and describe what happened; attach screenshots if you can. A supervisor reviews every complaint and replies within 24 hours.\n\nYou can follow the status of your complaint under **Help** → **My feedback**.',
    },
    zh: {
      title: '怎么投诉或者提建议？',
      body: '在App中进入**帮助**→**意见反馈**，选择投诉或建议并描述具体情况，可以附上截图。每一条投诉都会由主管处理，并在24小时内回复。\n\n投诉进度可以在**帮助**→**我的反馈**中查看。',
    },
  },
  {
    slug: 'goodwill-compensation',
    category: 'refund',
    audience: 'internal',
    tags: ['compensation', 'goodwill', 'coupon', '补偿'],
    en: {
      title: 'Agents: goodwill compensation limits',
      body: 'For a late delivery (more than 3 days past the promised date) agents may offer a 10 coupon without approval. For damaged items, missing parts or a repeated contact about the same problem, up to 30 in coupon or points.\n\nAnything above 30, cash refunds beyond the order value, and VIP customers need a supervisor’s approval in the compensation panel. Always note the reason on the ticket.',
    },
    zh: {
      title: '客服指引：补偿标准与审批权限',
      body: '物流超过承诺时间3天以上，客服可直接补偿10元优惠券，无需审批。商品破损、缺件或同一问题重复来电的，最高可补偿30元优惠券或等值积分。\n\n超过30元、现金补偿超过订单金额以及VIP客户的补偿，需要在补偿面板提交主管审批。补偿原因必须备注在工单上。',
    },
  },
  {
    slug: 'intercept-shipped-order',
    category: 'order_change',
    audience: 'internal',
    tags: ['intercept', 'redirect', 'carrier', '拦截'],
    en: {
      title: 'Agents: intercepting or redirecting a shipped parcel',
      body: 'Open the carrier portal from the order’s logistics panel and request an interception (return to sender) or a redirection to the new address. It costs 5, which we pay when the customer asks within 12 hours of shipping.\n\nInterception fails once the parcel is out for delivery: then advise the customer to refuse it.',
    },
    zh: {
      title: '客服指引：已发货包裹的拦截与改派',
      body: '在订单物流面板中打开快递公司后台，提交拦截退回或改派到新地址的申请，费用5元；客户在发货后12小时内提出的由我们承担。\n\n包裹进入派送环节后无法拦截，请建议客户拒收。',
    },
  },
];
