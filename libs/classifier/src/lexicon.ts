/**
 * Concept cues shared by both languages: a few hundred labelled messages give each category only a
 * handful of examples per script, so 退款 and "refund" would otherwise be unrelated features. Each
 * cue that occurs adds one `k:<concept>` feature the model weighs like any other (it is not a rule).
 * Chinese cues are Simplified (text is normalised first); English cues are lower-case stems.
 */
export const CONCEPT_CUES: Record<string, readonly string[]> = {
  presale: ['有没有', '能不能用', '适配', '支持', '材质', '尺码', '补货', '缺货', '保修', '保固', '质保', '多少钱', '优惠', '活动', '赠品', '适合', 'in stock', 'back in stock', 'compatible', 'available in', 'before i buy', 'warranty', 'difference between', 'discount code', 'bulk', 'does it come', 'does this', 'is this', 'is the'],
  order_state: ['发货', '出货', '出库', '待发货', '订单状态', '处理中', '审核', '什么时候发', '预售', '预购', 'ship', 'shipped', 'dispatch', 'order status', 'processing', 'pending', 'on hold', 'confirmation', 'pre-order'],
  transit: ['快递', '物流', '包裹', '派送', '配送', '签收', '宅配', '驿站', '快递柜', '海关', '单号', '送达', '寄到', '超商取货', 'tracking', 'parcel', 'package', 'courier', 'delivery', 'delivered', 'carrier', 'customs', 'locker'],
  lost_damaged: ['丢', '没收到', '寄丢', '压扁', '破', '碎', '摔坏', '退回', 'lost', 'crushed', 'shattered', 'damaged', 'broken', 'never arrived', 'no package', 'returned to sender'],
  change: ['修改', '改成', '改一下', '换成', '更正', '填错', '写错', '拍错', '选错', '打错', '合并', '加一件', '加购', 'change', 'update', 'wrong address', 'switch', 'swap', 'combine', 'add another'],
  cancel: ['取消', '不想要了', '不要了', '拒收', '下错单', 'cancel', 'cancelled', 'no longer need', 'by mistake', 'placed it twice'],
  return: ['退货', '换货', '换大', '换小', '七天无理由', '退换', '寄回', '原包装', 'return', 'exchange', 'send back', 'replacement', 'return label', 'receipt'],
  defect: ['坏', '质量', '瑕疵', '划痕', '发错', '寄错', '少发', '少了', '不加热', '没有声音', '黑屏', 'defective', 'wrong item', 'missing', 'stopped working', 'tear', 'faulty', 'got a'],
  refund: ['退款', '退钱', '退差价', '退差额', '到账', '入账', '退回来', 'refund', 'refunded', 'money back', 'price dropped', 'store credit', "where's my money"],
  pay: ['付款', '支付', '扣款', '扣了', '刷卡', '信用卡', '银行卡', '花呗', '分期', '发票', '优惠券', '结算', 'payment', 'pay', 'charged', 'card', 'declined', 'paypal', 'invoice', 'vat', 'instalments', 'checkout', 'promo code'],
  unauthorised: ['盗刷', '不是我本人', '不是本人', '没有买', '没买东西', '没有操作', '被盗', '盗用', '被人', '别人', "didn't authorise", "didn't make", 'never made', 'not me', "wasn't me", "didn't do this", 'someone'],
  account: ['账号', '账户', '帐号', '密码', '登录', '登入', '验证码', '手机号', '会员', '注销', 'account', 'password', 'login', 'log in', 'two-factor', 'email address', 'hacked', 'locked'],
  outage: ['打不开', '闪退', '崩溃', '502', '500', '服务器错误', '转圈', '没办法使用', '无法使用', '什么都买不了', '下不了单', 'down', 'crash', 'crashes', 'unusable', 'error', 'broken', "can't buy", 'does nothing'],
  glitch: ['加载', '显示不出来', '不好用', '没反应', '推送', '页面', 'app', '网站', '字体', '功能', "aren't loading", 'blank screen', 'notifications', 'search bar', 'mobile', 'website', 'glitch', 'bug'],
  praise_suggest: ['建议', '希望', '好评', '五星', '推荐', '谢谢', '很好', '态度很好', '有耐心', 'suggest', 'suggestion', 'would be great', 'love', 'helpful', 'great', 'could you add', 'please offer', 'feedback'],
  anger: ['投诉', '差评', '12315', '消费者协会', '消保', '曝光', '媒体', '微博', '垃圾', '太差', '恶劣', '失望', '给个说法', '必须', '怎么做事', '主管', '要求赔偿', '补偿', '到底', '第二次', '好几次', '三次', 'complaint', 'complain', 'unacceptable', 'ridiculous', 'chargeback', 'dispute', '1-star', 'review', 'escalate', 'supervisor', 'manager', 'fed up', 'trading standards', 'disappointed', 'worst', 'a joke', 'twitter', 'compensation', 'nobody', 'unbelievable', 'third time', 'fourth time', 'five times'],
  misc: ['招聘', '合作', '客服电话', '上班', '总部', '在吗', '你好', '您好', '正品', '订阅', 'hiring', 'partnership', 'supplier', 'hours', 'headquarter', 'hello', 'hi there', 'phone number', 'press', 'unsubscribe', 'collaboration'],
};

export function conceptFeatures(normalized: string): string[] {
  const out: string[] = [];
  for (const [concept, cues] of Object.entries(CONCEPT_CUES)) {
    if (cues.some((cue) => normalized.includes(cue))) out.push(`k:${concept}`);
  }
  return out;
}
